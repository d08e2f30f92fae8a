#!/usr/bin/env bash
# Starts Azurite (pinned in package.json) on loopback unless one already answers on 10000-10002.
# Prints the PID it started, or nothing when one was already running. Used by dev.sh and test.sh.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening 10000 && listening 10001 && listening 10002; then
  exit 0
fi

if [ ! -x node_modules/.bin/azurite ]; then
  echo "azurite.sh: installing Azurite from package-lock.json (npm ci)" >&2
  npm ci --no-audit --no-fund --loglevel=error >&2
fi

location="${AZURITE_LOCATION:-$root/.azurite}"
mkdir -p "$location"
# AZURITE_IN_MEMORY=1 keeps everything in memory (benchmarks: no disk in the way); otherwise data lives in $location.
if [ "${AZURITE_IN_MEMORY:-0}" = 1 ]; then storage=(--inMemoryPersistence); else storage=(--location "$location"); fi
node_modules/.bin/azurite --silent --skipApiVersionCheck --loose --disableTelemetry \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  "${storage[@]}" ${AZURITE_EXTRA_ARGS:-} >"$location/azurite.log" 2>&1 &
pid=$!
for _ in $(seq 1 100); do
  if listening 10000 && listening 10001 && listening 10002; then
    echo "$pid"
    exit 0
  fi
  sleep 0.1
done
echo "azurite.sh: Azurite did not start; see $location/azurite.log" >&2
kill "$pid" 2>/dev/null || true
exit 1
