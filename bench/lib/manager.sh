# Sourced by the benchmarks that need one manager of their own: a fresh home under TMPDIR, the
# manager started from the jar with its pid known, and both removed on exit whatever happens.
# Expects ROOT (the repository); sets MCP_SESSIONS_HOME, manager, url and token.

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
url=$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$MCP_SESSIONS_HOME/manager.json")
token=$(<"$MCP_SESSIONS_HOME/token")

# report LABEL: min, median, p95 and max (nearest rank) of the array samples, in microseconds
report() {
  local sorted
  mapfile -t sorted < <(printf '%s\n' "${samples[@]}" | sort -n)
  rank() {
    local i=$(((${#sorted[@]} * $1 + 99) / 100 - 1))
    ((i < 0)) && i=0
    printf '%d.%d' $((sorted[i] / 1000)) $((sorted[i] % 1000 / 100))
  }
  echo "$1: min $(rank 0) ms   median $(rank 50) ms   p95 $(rank 95) ms   max $(rank 100) ms"
}
