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
dotnet build Encourage.sln --nologo --no-restore -c Release -v q

step "Style: dotnet format --verify-no-changes (rules in .editorconfig)"
dotnet format Encourage.sln --verify-no-changes --no-restore -v q

step "Bicep build and lint"
scripts/bicep.sh

step "Azurite"
azurite_pid="$(AZURITE_LOCATION="$(mktemp -d)" scripts/azurite.sh)"
cleanup() { if [ -n "${azurite_pid:-}" ]; then kill "$azurite_pid" 2>/dev/null || true; fi; }
trap cleanup EXIT
[ -n "$azurite_pid" ] && echo "started Azurite (pid $azurite_pid)" || echo "using the Azurite already running"

step "Content lint"
dotnet run --project src/Encourage.Cli -c Release --no-build -- content lint

mkdir -p artifacts/test-results
step "Publish the Functions app (the metadata test reads functions.metadata)"
rm -rf artifacts/functions
dotnet publish src/Encourage.Functions --nologo --no-build -c Release -o artifacts/functions -v q

step "Tests"
# One test project at a time: two cores and one Azurite are shared by every test.
: >artifacts/test-results/console.log
status=0
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  echo "-- $name"
  set +e
  dotnet test "$project" --nologo --no-build -c Release \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" --results-directory artifacts/test-results \
    >"artifacts/test-results/$name.log" 2>&1
  code=$?
  set -e
  cat "artifacts/test-results/$name.log" >>artifacts/test-results/console.log
  grep -a -E "^(Passed|Failed)!|^Total tests:|^ +(Passed|Failed|Skipped): " "artifacts/test-results/$name.log" || true
  if [ "$code" -ne 0 ]; then
    status=$code
    echo "$name failed (exit $code):" >&2
    grep -a -E -A 15 "^\s+Failed [A-Za-z]" "artifacts/test-results/$name.log" | head -120 >&2 || true
  fi
done
# The runner's summary lines ("     Passed: 657"), added up over every project.
summary() { LC_ALL=C awk '/^ +Passed: +[0-9]+/ {p += $2} /^ +Failed: +[0-9]+/ {f += $2} END {printf "%d passed, %d failed\n", p, f}' artifacts/test-results/console.log; }
if [ "$status" -ne 0 ]; then
  echo "Tests failed; full output in artifacts/test-results/" >&2
  summary
  exit "$status"
fi
summary
