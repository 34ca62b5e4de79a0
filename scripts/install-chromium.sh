#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the console's browser test (driven by
# playwright-core with executablePath /usr/bin/chromium). Idempotent: does nothing when it is
# already there. Needs root (or sudo) and network access to the Debian mirrors.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "chromium: already installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
else
  echo "chromium: $CHROMIUM is missing and installing it needs root (apt-get install chromium)." >&2
  exit 1
fi

echo "chromium: installing Debian's chromium package…"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-liberation >/dev/null
echo "chromium: installed ($("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM"))"
