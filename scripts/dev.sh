#!/usr/bin/env bash
# Runs Encourage locally: Azurite on loopback and the local host on http://localhost:7071 (Development).
# Without Twilio/SendGrid credentials, messages go to the local outbox (GET /dev/outbox, or the dev phone).
# Says the host is running only once it answers; exits non-zero, with the host's own error, when it does not start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
port=7071

if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json"
fi

# The status code of GET $1 on the host, or nothing while it does not answer (bash's /dev/tcp: no curl needed).
status_of() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 0
    printf 'GET %s HTTP/1.0\r\nHost: localhost:%s\r\nConnection: close\r\n\r\n' "$1" "$port" >&3
    IFS=' ' read -r -t 20 _ code _ <&3 || true
    printf '%s' "${code:-}"
  ) 2>/dev/null
}

if [ -n "$(status_of /api/signup)" ]; then
  echo "dev.sh: something already answers on http://localhost:$port; stop it first." >&2
  exit 1
fi

azurite_pid="$(scripts/azurite.sh)"
host_pid=""
log="$(mktemp)"
cleanup() {
  [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null || true
  [ -n "$azurite_pid" ] && kill "$azurite_pid" 2>/dev/null || true
  rm -f "$log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

dotnet build src/Encourage.Local --nologo -v q -c Debug
# The built host itself (not `dotnet run`, which would stay between this script and the host's signals), from its
# project folder: its content root (wwwroot, and local.settings.json two folders up). The output goes to the console
# and to a log, so a failed start can be quoted.
(cd src/Encourage.Local && exec env ASPNETCORE_ENVIRONMENT=Development \
  dotnet bin/Debug/net10.0/Encourage.Local.dll --urls "http://127.0.0.1:$port") > >(tee "$log") 2>&1 &
host_pid=$!

ready=""
for _ in $(seq 1 240); do
  if ! kill -0 "$host_pid" 2>/dev/null; then break; fi
  if [ "$(status_of /api/signup)" = 200 ]; then ready=1; break; fi
  sleep 0.5
done

if [ -z "$ready" ]; then
  echo >&2
  if kill -0 "$host_pid" 2>/dev/null; then
    echo "dev.sh: the local host did not answer on http://localhost:$port/api/signup within 2 minutes." >&2
  else
    wait "$host_pid" && code=0 || code=$?
    host_pid=""
    echo "dev.sh: the local host did not start (exit $code). Its output:" >&2
    sed 's/^/  /' "$log" >&2
  fi
  exit 1
fi

cat <<MSG

Encourage is running locally.
  Sign-up page:   http://localhost:$port/api/signup
  Dev phone:      http://localhost:$port/dev/phone
  Outbox (JSON):  http://localhost:$port/dev/outbox
  Dashboard:      http://localhost:$port/api/admin/dashboard
Press Ctrl-C to stop Azurite and the host.
MSG
wait "$host_pid"
