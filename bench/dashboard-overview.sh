#!/usr/bin/env bash
# Time of the dashboard's overview page (GET /) with SESSIONS sessions of SERVERS running servers
# each (`sleep` processes), as curl sees it against a real manager on a fresh home: rendering,
# security filters and loopback HTTP. The manager is warmed up first; it, its servers and the
# home are removed at the end.
#
# Usage: bench/dashboard-overview.sh [SESSIONS] [SERVERS] [RUNS]   (defaults: 50, 10, 50)
# Needs: a built jar (./mvnw -DskipTests package), java, curl.
set -euo pipefail

SESSIONS=${1:-50}
SERVERS=${2:-10}
RUNS=${3:-50}
WARMUP=20
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

JAR=${MCP_SESSION_MANAGER_JAR:-$ROOT/target/mcp-session-manager.jar}
[[ -f $JAR ]] || { echo "no jar at $JAR; build it with: ./mvnw -DskipTests package" >&2; exit 3; }

MCP_SESSIONS_HOME=$(mktemp -d "${TMPDIR:-/tmp}/mcp-bench.XXXXXX")
export MCP_SESSIONS_HOME
unset MCP_SESSION_ID
manager=

stop_manager() {
  # a clean shutdown stops every server the manager started
  if [[ -n $manager ]] && kill "$manager" 2>/dev/null; then
    for _ in $(seq 1 600); do kill -0 "$manager" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$MCP_SESSIONS_HOME"
}
trap stop_manager EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -n 1)"

echo "starting the manager ..."
(umask 077; cd "$ROOT" && exec java -jar "$JAR" --server.port=0 --mcp.dashboard.announce=false \
    </dev/null >"$MCP_SESSIONS_HOME/manager.out" 2>&1) &
manager=$!
for _ in $(seq 1 1800); do
  [[ -f $MCP_SESSIONS_HOME/manager.json ]] && break
  kill -0 "$manager" 2>/dev/null || { cat "$MCP_SESSIONS_HOME/manager.out" >&2; exit 3; }
  sleep 0.1
done
[[ -f $MCP_SESSIONS_HOME/manager.json ]] || { echo "the manager did not start" >&2; exit 3; }
url=$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$MCP_SESSIONS_HOME/manager.json")
token=$(<"$MCP_SESSIONS_HOME/token")
api() { curl -sS --fail-with-body -H "Authorization: Bearer $token" -H 'Content-Type: application/json' "$@"; }

echo "starting $SESSIONS sessions x $SERVERS servers ..."
for ((s = 1; s <= SESSIONS; s++)); do
  api -X POST "$url/api/sessions" -d "{\"name\":\"bench-$s\",\"ownerPid\":0}" >/dev/null
  for ((n = 1; n <= SERVERS; n++)); do
    api -X POST "$url/api/sessions/bench-$s/servers" -d "{\"name\":\"server-$n\",\"command\":\"sleep 3600\"}" >/dev/null
  done
done

jar=$MCP_SESSIONS_HOME/cookies
curl -sS -c "$jar" -o /dev/null "$url/login?token=$token"
rows=$(curl -sS -b "$jar" "$url/" | grep -c 'class="server-row"' || true)
[[ $rows -eq $((SESSIONS * SERVERS)) ]] || { echo "expected $((SESSIONS * SERVERS)) rows, the page has $rows" >&2; exit 1; }
bytes=$(curl -sS -b "$jar" -o /dev/null -w '%{size_download}' "$url/")

for ((i = 0; i < WARMUP; i++)); do curl -sS -b "$jar" -o /dev/null "$url/"; done

echo "timing $RUNS runs of GET / ($rows server rows, $((bytes / 1024)) KiB) ..."
samples=()
for ((i = 0; i < RUNS; i++)); do
  t=$(curl -sS -b "$jar" -o /dev/null -w '%{time_total}' "$url/")
  samples+=($(awk -v t="$t" 'BEGIN { printf "%d", t * 1000000 }'))
done
mapfile -t sorted < <(printf '%s\n' "${samples[@]}" | sort -n)
rank() { # nearest-rank percentile of the samples (microseconds), in ms with one decimal
  local i=$(((RUNS * $1 + 99) / 100 - 1))
  ((i < 0)) && i=0
  printf '%d.%d' $((sorted[i] / 1000)) $((sorted[i] % 1000 / 100))
}
echo "GET /: min $(rank 0) ms   median $(rank 50) ms   p95 $(rank 95) ms   max $(rank 100) ms"
echo "load afterwards: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stopping the manager and its $rows servers ..."
