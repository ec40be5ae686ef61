#!/usr/bin/env bash
# The HTTP load run in one command: installs the load generator from the lockfile, then runs the harness.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/autocannon ] || npm ci --no-audit --no-fund --silent
exec node run.mjs "$@"
