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

# shellcheck source=lib/manager.sh
source "$ROOT/bench/lib/manager.sh"

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

report "status --all"

# The same request without the CLI: what the manager and loopback HTTP take, as curl measures it
samples=()
for ((i = 0; i < RUNS; i++)); do
  seconds=$(curl -sS -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $token" -H 'Accept: text/plain' \
    "$url/api/sessions")
  samples+=($(awk -v s="$seconds" 'BEGIN { printf "%d", s * 1000000 }'))
done
report "server only (GET /api/sessions, curl's time_total)"
