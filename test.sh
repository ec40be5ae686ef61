#!/usr/bin/env bash
# Runs every test of the product on a fresh Debian machine with the .NET 10 SDK.
# First installs what the tests need: Debian's Chromium for the browser tests of the admin UI, poppler-utils
# (pdftoppm, pdffonts, pdfinfo) for the golden PDF letters, and Debian's PostgreSQL for the store's and server's tests
# on PostgreSQL (a throwaway cluster in a temp folder, stopped on exit).
#   ./test.sh                 everything, on SQLite and on PostgreSQL
#   ./test.sh --no-postgres   a quick local run: leaves out the tests on PostgreSQL (trait Provider=postgres)
set -euo pipefail
cd "$(dirname "$0")"

filter=()
if [ "${1:-}" = "--no-postgres" ]; then
  filter=(--filter "Provider!=postgres")
  echo "Uden testene på PostgreSQL (--no-postgres)."
else
  source tests/postgres-cluster.sh
  trap postgres_cluster_stop EXIT
  postgres_cluster_start
fi

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
if [ -n "$missing" ]; then
  echo "Installerer Debian-pakkerne$missing til browser- og PDF-testene ..."
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

log=$(mktemp)
status=0
dotnet test Serviceloven.sln "${filter[@]}" --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# The measured time from a publication to its being live on another node (tests/Server.Tests/Nodes).
grep -o '\[publish-to-live\].*' "$log" || true
# One closing line over all test projects: "N passed, M failed" (from each project's "Passed: N" / "Failed: N").
read -r passed failed < <(awk '/^ *Passed: [0-9]+ *$/ {p += $2} /^ *Failed: [0-9]+ *$/ {f += $2} END {print p + 0, f + 0}' "$log")
rm -f "$log"
echo "${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
