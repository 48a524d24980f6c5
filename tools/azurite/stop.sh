#!/usr/bin/env bash
# Stops an Azurite started by start.sh, by PID: SIGTERM, then SIGKILL after a bounded wait.
#   tools/azurite/stop.sh PID
set -euo pipefail

pid="${1:?usage: stop.sh PID}"
if ! [[ "$pid" =~ ^[0-9]+$ ]]; then
  echo "stop.sh: invalid pid '$pid'" >&2
  exit 2
fi

if ! kill -0 "$pid" 2>/dev/null; then
  echo "stop.sh: no process $pid (already stopped)" >&2
  exit 0
fi

# Refuse to signal something that is not Azurite (a stale or mistyped PID).
if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q azurite; then
  echo "stop.sh: process $pid is not azurite; not stopping it" >&2
  exit 1
fi

kill -TERM "$pid"
for _ in $(seq 1 50); do
  kill -0 "$pid" 2>/dev/null || { echo "stop.sh: stopped $pid" >&2; exit 0; }
  sleep 0.1
done

echo "stop.sh: $pid ignored SIGTERM for 5s; sending SIGKILL" >&2
kill -KILL "$pid" 2>/dev/null || true
