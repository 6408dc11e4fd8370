#!/usr/bin/env bash
# Cleanup benchmark: N processes carrying a home's markers that no server accounts for (what a
# crashed manager leaves behind), reaped by one 'cleanup' of a real manager. Reports the time of
# the dry run and of the real run, and how many processes survived (must be 0).
#
# Usage: bench/cleanup-orphans.sh [N] [STUBBORN]
#   N         orphans to reap (default 500)
#   STUBBORN  how many of them ignore SIGTERM and need the SIGKILL after stopWait (default 0)
# Needs the built jar (./mvnw -q package -DskipTests), curl and python3.
set -euo pipefail

N=${1:-500}
STUBBORN=${2:-0}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${MCP_SESSION_MANAGER_JAR:-$ROOT/target/mcp-session-manager.jar}
WORK=$(mktemp -d)
HOME_DIR=$WORK/home
MANAGER=''

count_marked() {
  local n=0 f
  for f in /proc/[0-9]*/environ; do
    grep -qsz "^MCP_MANAGER_HOME=$HOME_DIR\$" "$f" && n=$((n + 1))
  done
  echo "$n"
}

finish() {
  [[ -n $MANAGER ]] && kill "$MANAGER" 2>/dev/null && wait "$MANAGER" 2>/dev/null
  for f in /proc/[0-9]*/environ; do   # whatever a failed run left behind
    if grep -qsz "^MCP_MANAGER_HOME=$HOME_DIR\$" "$f"; then
      p=${f#/proc/}; kill -KILL "${p%/environ}" 2>/dev/null || true
    fi
  done
  rm -rf "$WORK"
}
trap finish EXIT

[[ -f $JAR ]] || { echo "no jar at $JAR: run ./mvnw -q package -DskipTests" >&2; exit 1; }
mkdir -p "$HOME_DIR/logs"
env -u MCP_SESSION_ID MCP_SESSIONS_HOME="$HOME_DIR" java -jar "$JAR" --server.port=0 \
  --mcp.dashboard.announce=false --mcp.cleanup.automatic=false >"$HOME_DIR/logs/manager.out" 2>&1 &
MANAGER=$!
for _ in $(seq 240); do
  [[ -f $HOME_DIR/manager.json ]] && break
  sleep 0.5
done
URL=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["url"])' "$HOME_DIR/manager.json")
TOKEN=$(cat "$HOME_DIR/token")
until curl -fsS -o /dev/null "$URL/actuator/health"; do sleep 0.5; done

# orphans in their own sessions of the kernel, re-parented away from this script, as after a crash
for i in $(seq "$N"); do
  if ((i <= STUBBORN)); then cmd=(sh -c "trap '' TERM; exec sleep 600"); else cmd=(sleep 600); fi
  (env MCP_MANAGER_HOME="$HOME_DIR" MCP_INSTANCE_ID="$(printf '%016x' "$i")" MCP_SESSION_ID=crashed \
    MCP_SERVER_NAME="srv$i" setsid "${cmd[@]}" </dev/null >/dev/null 2>&1 &)
done
for _ in $(seq 120); do (($(count_marked) >= N)) && break; sleep 0.5; done
before=$(count_marked)

cleanup() {   # prints: milliseconds actions
  local start end body
  start=$(date +%s%N)
  body=$(curl -fsS -X POST -H "Authorization: Bearer $TOKEN" -H 'Accept: application/json' \
    "$URL/api/cleanup?dryRun=$1")
  end=$(date +%s%N)
  echo "$(((end - start) / 1000000)) $(grep -o '"kind"' <<<"$body" | wc -l)"
}
read -r dry_ms dry_actions < <(cleanup true)
read -r real_ms real_actions < <(cleanup false)
sleep 0.5
after=$(count_marked)

printf 'orphans=%d stubborn=%d marked-before=%d\n' "$N" "$STUBBORN" "$before"
printf 'dry-run:  %5d ms, %d actions listed\n' "$dry_ms" "$dry_actions"
printf 'cleanup:  %5d ms, %d actions taken\n' "$real_ms" "$real_actions"
printf 'survivors: %d\n' "$after"
((after == 0))
