#!/usr/bin/env bash
# Starts Azurite's table service (only) on 127.0.0.1, detached, and prints its PID on stdout.
#   tools/azurite/start.sh [PORT] [DIR]
# PORT defaults to 10002. Without DIR the data lives in memory; with DIR it is kept there (--location).
# Waits (bounded) until the port accepts connections; fails if the port is already taken or Azurite dies.
# Connection string for a non-default port (explicit form, well-known development account):
#   DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=<dev key>;TableEndpoint=http://127.0.0.1:PORT/devstoreaccount1;
# Stop it with tools/azurite/stop.sh PID.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${1:-10002}"
dir="${2:-}"
wait_seconds="${AZURITE_START_TIMEOUT:-30}"

if ! [[ "$port" =~ ^[0-9]+$ ]] || (( port < 1 || port > 65535 )); then
  echo "start.sh: invalid port '$port'" >&2
  exit 2
fi

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

if listening "$port"; then
  echo "start.sh: 127.0.0.1:$port is already in use; not starting a second server" >&2
  exit 1
fi

if [[ ! -x "$here/node_modules/.bin/azurite-table" ]]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

if [[ -n "$dir" ]]; then
  mkdir -p "$dir"
  storage=(--location "$dir")
  log="$dir/azurite-table.log"
else
  storage=(--inMemoryPersistence)
  log="${TMPDIR:-/tmp}/azurite-table-$port.log"
fi

# setsid: own session, so the server neither gets the caller's terminal signals nor dies with the calling shell.
setsid "$here/node_modules/.bin/azurite-table" \
  --tableHost 127.0.0.1 --tablePort "$port" "${storage[@]}" --disableTelemetry \
  >"$log" 2>&1 </dev/null &
pid=$!

deadline=$((SECONDS + wait_seconds))
until listening "$port"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "start.sh: azurite-table exited during start-up; log $log:" >&2
    cat "$log" >&2
    exit 1
  fi
  if (( SECONDS >= deadline )); then
    echo "start.sh: azurite-table not listening on 127.0.0.1:$port after ${wait_seconds}s; stopping it (log $log)" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  sleep 0.2
done

echo "start.sh: azurite-table listening on 127.0.0.1:$port (pid $pid, log $log)" >&2
echo "$pid"
