#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Installs it when missing and we are root with apt;
# otherwise stops with the one command to run.
set -euo pipefail
chromium=/usr/bin/chromium
[ -x "$chromium" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Chromium is missing: installing Debian's chromium package"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "The browser tests need Chromium at $chromium. Install it with: sudo apt-get install -y chromium" >&2
exit 1
