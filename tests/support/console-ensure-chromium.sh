#!/usr/bin/env bash
# Installs Debian's Chromium for the console's browser tests (tests/console.test.ts) when it is
# missing. Idempotent: a machine that has /usr/bin/chromium is left as it is. Needs root (CI is).
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium
test -x /usr/bin/chromium
