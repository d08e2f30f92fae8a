#!/usr/bin/env bash
# Restores, builds and runs every test: unit, Azurite-backed, end-to-end over HTTP, headless Chromium, the content
# lint and the Bicep build and lint. Starts Azurite when none runs and stops what it started. Non-zero on any failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

step() { printf '\n== %s\n' "$*"; }

step "Tools"
if [ ! -x node_modules/.bin/azurite ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Debian's chromium for the browser tests"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >/dev/null
  else
    echo "chromium is missing and this is not root: install it with 'sudo apt-get install chromium'" >&2
    exit 1
  fi
fi

step "Restore and build"
dotnet restore Encourage.sln --nologo -v q
dotnet build Encourage.sln --nologo --no-restore -c Release -v q -warnaserror

step "Bicep build and lint"
scripts/bicep.sh

step "Azurite"
azurite_pid="$(AZURITE_LOCATION="$(mktemp -d)" scripts/azurite.sh)"
cleanup() { if [ -n "${azurite_pid:-}" ]; then kill "$azurite_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
[ -n "$azurite_pid" ] && echo "started Azurite (pid $azurite_pid)" || echo "using the Azurite already running"

step "Content lint"
dotnet run --project src/Encourage.Cli -c Release --no-build -- content lint

step "Tests"
mkdir -p artifacts/test-results
set +e
dotnet test Encourage.sln --nologo --no-build -c Release \
  --logger "console;verbosity=normal" --logger "trx" --results-directory artifacts/test-results \
  >artifacts/test-results/console.log 2>&1
status=$?
set -e
grep -E "^\s+(Passed|Failed|Skipped) [A-Za-z]|^(Passed|Failed)!|Total tests|error" artifacts/test-results/console.log || true
if [ "$status" -ne 0 ]; then
  echo "Tests failed (dotnet test exited $status); full output in artifacts/test-results/console.log" >&2
  grep -E -A 12 "^\s+Failed [A-Za-z]" artifacts/test-results/console.log | head -150 >&2 || true
  exit "$status"
fi
passed=$(grep -hoE 'Passed: +[0-9]+' artifacts/test-results/console.log | awk '{s+=$2} END {print s+0}')
failed=$(grep -hoE 'Failed: +[0-9]+' artifacts/test-results/console.log | awk '{s+=$2} END {print s+0}')
echo "${passed} passed, ${failed} failed"
