#!/usr/bin/env bash
# Before any browser suite: find the system Chromium, or install Debian's package when running
# as root, or stop with one sentence saying what to do. Nothing here downloads a browser.
set -euo pipefail
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM_PATH" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$CHROMIUM_PATH" ]; then
  echo "The browser tests need Chromium at $CHROMIUM_PATH: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run make test again." >&2
  exit 1
fi
