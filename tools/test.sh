#!/usr/bin/env bash
# `npm test`: lint, unit tests, API tests (embedded engine; DATABASE_URL switches to a server)
# and browser tests against the app started as `npm start` starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_TUI=false
started=$(date +%s)
stage_started=$started
# Prints how long the stage that just ended took.
stage() {
  local now; now=$(date +%s)
  echo "== npm test: '$1' took $(( now - stage_started )) s (total $(( now - started )) s)"
  stage_started=$now
}
bash tools/ensure-chromium.sh
npx nx run-many -t lint test --outputStyle=static --parallel=2
stage 'lint and unit tests'
npx nx run api-e2e:e2e --outputStyle=static
stage 'API tests (embedded engine unless DATABASE_URL is set)'
npx nx run web-e2e:e2e --outputStyle=static
stage 'browser tests'
