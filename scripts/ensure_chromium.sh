#!/usr/bin/env bash
# The end-to-end tests drive Debian's Chromium; nothing downloads a browser.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ]; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "error: /usr/bin/chromium is missing; install it with: sudo apt-get install chromium" >&2
  exit 1
fi
