#!/usr/bin/env bash
# `npm test`: lint, unit tests, API tests (embedded engine; DATABASE_URL switches to a server)
# and browser tests against the app started as `npm start` starts it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_TUI=false
bash tools/ensure-chromium.sh
npx nx run-many -t lint test --outputStyle=static --parallel=2
npx nx run api-e2e:e2e --outputStyle=static
npx nx run web-e2e:e2e --outputStyle=static
