#!/usr/bin/env bash
# Our engine beside GoRules ZEN in one command: installs ZEN from the lockfile, builds Engine.Bench, runs both.
set -euo pipefail
cd "$(dirname "$0")"
[ -d node_modules/@gorules/zen-engine-linux-x64-gnu ] || npm ci --no-audit --no-fund --silent
exec node compare.mjs "$@"
