#!/usr/bin/env bash
# The browser tests drive Debian's Chromium and read the results report's PDF with poppler-utils
# (pdfinfo, pdftotext). Installs what is missing when we are root with apt; otherwise stops with the
# one command to run.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdfinfo >/dev/null || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "The browser tests need ${missing[*]}: installing Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "The browser tests need ${missing[*]}. Install with: sudo apt-get install -y ${missing[*]}" >&2
exit 1
