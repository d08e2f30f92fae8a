#!/usr/bin/env bash
# Runs Encourage locally: Azurite on loopback and the local host on http://localhost:7071.
# Without Twilio/SendGrid credentials, messages go to the local outbox (GET /dev/outbox, or the dev phone).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json"
fi

azurite_pid="$(scripts/azurite.sh)"
host_pid=""
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true
}
trap cleanup EXIT INT TERM

dotnet build src/Encourage.Local --nologo -v q
ASPNETCORE_ENVIRONMENT=Development dotnet run --project src/Encourage.Local --no-build --no-launch-profile -- --urls http://127.0.0.1:7071 &
host_pid=$!

for _ in $(seq 1 120); do
  if (exec 3<>/dev/tcp/127.0.0.1/7071) 2>/dev/null; then break; fi
  sleep 0.5
done

cat <<MSG

Encourage is running locally.
  Sign-up page:   http://localhost:7071/api/signup
  Dev phone:      http://localhost:7071/dev/phone
  Outbox (JSON):  http://localhost:7071/dev/outbox
  Dashboard:      http://localhost:7071/api/admin/dashboard
Press Ctrl-C to stop Azurite and the host.
MSG
wait "$host_pid"
