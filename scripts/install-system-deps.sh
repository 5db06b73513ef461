#!/usr/bin/env bash
# Debian packages the test suite needs, installed only when missing (idempotent, non-interactive):
#   postgresql  — the server binaries (initdb, pg_ctl); tests start a throw-away server on loopback
#   chromium    — driven by Playwright in the browser tests
# Called by `make test` / .ci/run as root; as another user it uses sudo when available.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
{ command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; } || missing+=(chromium)

if [ ${#missing[@]} -eq 0 ]; then
    echo "system deps: postgresql and chromium already installed"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "error: need root (or sudo) to install: ${missing[*]}" >&2
        exit 1
    fi
fi

echo "system deps: installing ${missing[*]}"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# the Debian package starts a cluster on port 5432 that the tests never use; leave it alone
echo "system deps: done"
