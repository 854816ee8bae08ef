#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (Playwright drives it; we never run
# `playwright install`, which would download a browser build from outside the registries).
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install_browser: /usr/bin/chromium is missing and apt-get is not available;" \
         "install chromium with your package manager (browser tests will be skipped)" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "install_browser: need root to apt-get install chromium (browser tests will be skipped)" >&2
        exit 0
    fi
fi
echo "install_browser: installing Debian chromium" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
test -x /usr/bin/chromium
echo "install_browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium installed)" >&2
