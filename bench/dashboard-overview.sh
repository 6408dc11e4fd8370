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

# shellcheck source=lib/manager.sh
source "$ROOT/bench/lib/manager.sh"
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
report "GET /"
echo "load afterwards: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "stopping the manager and its $rows servers ..."
