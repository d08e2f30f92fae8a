#!/usr/bin/env bash
# Restores, builds and runs every test: unit, Azurite-backed, end-to-end over HTTP, headless Chromium, the README walk,
# the content lint, the style check and the Bicep build and lint. Starts Azurite when none runs and stops what it
# started. Non-zero on any failure. Prints each project's time and its slowest classes at the end.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

SECONDS=0
step() { printf '\n== %s (at +%s s)\n' "$*" "$SECONDS"; }

step "Tools (installed beside the build when missing)"
tools="$(mktemp -d)"
(
  [ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund --loglevel=error
  # The browser tests run Debian's Chromium as its headless shell (the same engine without the desktop browser,
  # what Playwright runs headless): about a third of the full browser's CPU. The full browser is the fallback.
  if ! command -v chromium-headless-shell >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing Debian's chromium-headless-shell for the browser tests"
      if ! (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium-headless-shell) >/dev/null; then
        # The full browser runs the same tests, slower; without either, the browser tests fail and say why.
        command -v chromium >/dev/null 2>&1 || { echo "Installing chromium-headless-shell failed" >&2; exit 1; }
        echo "Installing chromium-headless-shell failed: the browser tests use chromium"
      fi
    elif command -v chromium >/dev/null 2>&1; then
      echo "chromium-headless-shell is missing: the browser tests use chromium (slower; 'sudo apt-get install chromium-headless-shell')"
    else
      echo "Chromium is missing and this is not root: install it with 'sudo apt-get install chromium-headless-shell'" >&2
      exit 1
    fi
  fi
) >"$tools/log" 2>&1 &
tools_pid=$!

step "Restore and build"
dotnet restore Encourage.sln --nologo -v q
dotnet build Encourage.sln --nologo --no-restore -c Release -v q

if ! wait "$tools_pid"; then cat "$tools/log" >&2; echo "Installing the test tools failed" >&2; exit 1; fi
cat "$tools/log"

# The style check and the Bicep build need no test and no Azurite: they run beside the content lint and the tests.
mkdir -p artifacts/test-results
checks="$(mktemp -d)"
(dotnet format Encourage.sln --verify-no-changes --no-restore -v q >"$checks/format.log" 2>&1; echo $? >"$checks/format.rc") &
format_pid=$!
(scripts/bicep.sh >"$checks/bicep.log" 2>&1; echo $? >"$checks/bicep.rc") &
bicep_pid=$!

step "Azurite"
# In memory: no test needs the shared Azurite's data after the run, and Azurite's store on disk serialises its whole
# database every five seconds on its one thread, which every storage call of every test then waits behind.
azurite_pid="$(AZURITE_IN_MEMORY=1 scripts/azurite.sh)"
cleanup() {
  if [ -n "${azurite_pid:-}" ]; then kill "$azurite_pid" 2>/dev/null || true; fi
  kill "$format_pid" "$bicep_pid" 2>/dev/null || true
}
trap cleanup EXIT
[ -n "$azurite_pid" ] && echo "started Azurite (pid $azurite_pid)" || echo "using the Azurite already running"

step "Content lint"
dotnet src/Encourage.Cli/bin/Release/net10.0/encourage.dll content lint

step "Publish the Functions app (the metadata test reads functions.metadata)"
rm -rf artifacts/functions
dotnet publish src/Encourage.Functions --nologo --no-build -c Release -o artifacts/functions -v q

step "Tests"
# One project at a time. They share nothing but Azurite, but on this machine's two cores four at once took longer
# than one after another (each project's hosts, CLIs and browsers starved the others) and the starved ones failed on
# timing. In the host project the README walk starts first, so its other classes run beside it. The style and Bicep
# checks run beside the first project.
: >artifacts/test-results/console.log
run_project() {
  local name="$1" started code
  started=$(date +%s)
  set +e
  dotnet test "tests/$name/$name.csproj" --nologo --no-build -c Release \
    --logger "console;verbosity=normal" --logger "trx;LogFileName=$name.trx" --results-directory artifacts/test-results \
    >"artifacts/test-results/$name.log" 2>&1
  code=$?
  set -e
  echo "$code" >"artifacts/test-results/$name.rc"
  echo "-- $name: exit $code after $(( $(date +%s) - started )) s (at +$SECONDS s)"
}
for name in Encourage.Core.Tests Encourage.Faults.Tests Encourage.Browser.Tests Encourage.Hosts.Tests; do
  run_project "$name"
done

status=0
projects=()
for project in tests/*/*.Tests.csproj; do projects+=("$(basename "$project" .csproj)"); done
for name in "${projects[@]}"; do
  log="artifacts/test-results/$name.log"
  cat "$log" >>artifacts/test-results/console.log 2>/dev/null || { echo "$name did not run (not in the list scripts/test.sh starts)" >&2; status=1; continue; }
  echo "-- $name"
  grep -a -E "^(Passed|Failed)!|^Total tests:|^ +(Passed|Failed|Skipped): " "$log" || true
  code="$(cat "artifacts/test-results/$name.rc")"
  if [ "$code" -ne 0 ]; then
    status=$code
    echo "$name failed (exit $code):" >&2
    grep -a -E -A 15 "^\s+Failed [A-Za-z]" "$log" | head -120 >&2 || true
  fi
done

step "Style and Bicep (run beside the tests)"
wait "$format_pid" "$bicep_pid" || true
if [ "$(cat "$checks/format.rc")" -ne 0 ]; then
  cat "$checks/format.log" >&2
  echo "dotnet format --verify-no-changes found style problems (rules in .editorconfig); run: dotnet format Encourage.sln" >&2
  status=1
else
  echo "dotnet format: ok"
fi
cat "$checks/bicep.log"
[ "$(cat "$checks/bicep.rc")" -eq 0 ] || status=1

step "Where the time went"
node scripts/test-times.mjs artifacts/test-results
echo "scripts/test.sh: $((SECONDS / 60)) min $((SECONDS % 60)) s in all"

# The runner's summary lines ("     Passed: 657"), added up over every project.
summary() { LC_ALL=C awk '/^ +Passed: +[0-9]+/ {p += $2} /^ +Failed: +[0-9]+/ {f += $2} END {printf "%d passed, %d failed\n", p, f}' artifacts/test-results/console.log; }
if [ "$status" -ne 0 ]; then
  echo "Tests failed; full output in artifacts/test-results/" >&2
  summary
  exit "$status"
fi
summary
