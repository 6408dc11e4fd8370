#!/usr/bin/env bash
# Latency of `bin/mcp-session-manager.sh status --all` as a user sees it (bash + curl + the manager),
# with SESSIONS sessions on a fresh home. The manager is warmed up first, since it is a long-lived
# process; it and the home are removed at the end. Then the same request straight from curl, to
# tell the manager's share from the CLI's (bash and the processes it starts).
#
# Usage: bench/status-latency.sh [SESSIONS] [RUNS]      (defaults: 50 sessions, 100 runs)
# Needs: a built jar (./mvnw -DskipTests package), java, curl.
set -euo pipefail

SESSIONS=${1:-50}
RUNS=${2:-100}
WARMUP=10
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLI=$ROOT/bin/mcp-session-manager.sh

JAR=${MCP_SESSION_MANAGER_JAR:-$ROOT/target/mcp-session-manager.jar}
[[ -f $JAR ]] || { echo "no jar at $JAR; build it with: ./mvnw -DskipTests package" >&2; exit 3; }

MCP_SESSIONS_HOME=$(mktemp -d "${TMPDIR:-/tmp}/mcp-bench.XXXXXX")
export MCP_SESSIONS_HOME
unset MCP_SESSION_ID
manager=

stop_manager() {
  if [[ -n $manager ]] && kill "$manager" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$manager" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$MCP_SESSIONS_HOME"
}
trap stop_manager EXIT

echo "machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "java:    $(java -version 2>&1 | head -n 1)"
echo "home:    $MCP_SESSIONS_HOME"

# Started here rather than by the CLI, so that its pid is known and it is stopped whatever happens
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

echo "creating $SESSIONS sessions through the CLI ..."
for ((i = 1; i <= SESSIONS; i++)); do
  "$CLI" init --owner $$ >/dev/null
done
listed=$("$CLI" status --all | grep -c ' active' || true)
[[ $listed -eq $SESSIONS ]] || { echo "expected $SESSIONS sessions, status lists $listed" >&2; exit 1; }

for ((i = 0; i < WARMUP; i++)); do "$CLI" status --all >/dev/null; done

echo "timing $RUNS runs of: mcp-session-manager.sh status --all ($SESSIONS sessions) ..."
samples=()
for ((i = 0; i < RUNS; i++)); do
  start=$(date +%s%N)
  "$CLI" status --all >/dev/null
  end=$(date +%s%N)
  samples+=($(((end - start) / 1000)))
done

rank() { # nearest-rank percentile of the samples (microseconds), in ms with one decimal
  local i=$(((RUNS * $1 + 99) / 100 - 1))
  ((i < 0)) && i=0
  printf '%d.%d' $((sorted[i] / 1000)) $((sorted[i] % 1000 / 100))
}
report() {
  mapfile -t sorted < <(printf '%s\n' "${samples[@]}" | sort -n)
  echo "$1: min $(rank 0) ms   median $(rank 50) ms   p95 $(rank 95) ms   max $(rank 100) ms"
}
report "status --all"

# The same request without the CLI: what the manager and loopback HTTP take, as curl measures it
url=$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$MCP_SESSIONS_HOME/manager.json")
token=$(<"$MCP_SESSIONS_HOME/token")
samples=()
for ((i = 0; i < RUNS; i++)); do
  seconds=$(curl -sS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" -H 'Accept: text/plain' \
    "$url/api/sessions")
  samples+=($(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000000 }'))
done
report "server only (GET /api/sessions, curl's time_total)"
