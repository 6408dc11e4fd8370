#!/usr/bin/env bash
# mcp-session-manager.sh: a thin CLI over the manager's HTTP API (bash + curl).
# The manager renders tables as text, so this script parses no JSON.
# Exit codes: 0 ok, 1 refused or failed (reason on stderr), 2 usage error, 3 manager unreachable.
set -uo pipefail

PROG=mcp-session-manager.sh
SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$SCRIPT_DIR/.." && pwd)
HOME_DIR=${MCP_SESSIONS_HOME:-/tmp/mcp-sessions}
JAR=${MCP_SESSION_MANAGER_JAR:-$ROOT/target/mcp-session-manager.jar}
START_TIMEOUT=${MCP_MANAGER_START_TIMEOUT:-30}

SESSION=${MCP_SESSION_ID:-}
JSON=0
URL=
TOKEN=

usage_error() { echo "$PROG: $*" >&2; echo "Try '$PROG --help'." >&2; exit 2; }
fail() { echo "$PROG: $*" >&2; exit 1; }
unreachable() { echo "$PROG: $*" >&2; exit 3; }

main_help() {
  cat <<'EOF'
Usage: mcp-session-manager.sh [--session ID] [--json] COMMAND [ARGS...]

Sessions
  init [--name N] [--owner PID]   create a session; prints: export MCP_SESSION_ID=<id>
                                  use: eval "$(mcp-session-manager.sh init)"
  status [--all]                  servers of this session (all sessions with --all)
  end                             stop all servers of the session and remove it
  cleanup [--dry-run]             reap orphaned sessions and processes
Servers
  start NAME 'COMMAND' [options]  start a server; returns once RUNNING (0) or FATAL (1)
  stop NAME | restart NAME
  logs NAME [-n N] [-f]
  check NAME | check -- COMMAND...   MCP compliance report
  run NAME [--config FILE --config-server S] -- COMMAND...   wrapper mode for MCP clients
  mcp-json                        .mcp.json entries for this session's servers
Configuration
  validate-config FILE [--online] Proxmox config report; exit 0 valid, 1 invalid
Other
  dashboard                       print the dashboard URL with its login token

Options: --session ID (default: $MCP_SESSION_ID), --json (JSON output of read commands).
Environment: MCP_SESSIONS_HOME (home, default /tmp/mcp-sessions), MCP_MANAGER_PORT (port of an
auto-started manager), MCP_SESSION_MANAGER_JAR (jar to start).
Exit codes: 0 ok, 1 refused or failed, 2 usage error, 3 manager unreachable.
Run 'mcp-session-manager.sh COMMAND --help' for a command's options.
EOF
}

# --- JSON output of values (the only JSON this script writes; it never reads any)
json_string() {
  local s=$1 out='' c i
  s=${s//\\/\\\\}; s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}; s=${s//$'\r'/\\r}; s=${s//$'\t'/\\t}
  if [[ $s =~ [[:cntrl:]] ]]; then
    for ((i = 0; i < ${#s}; i++)); do
      c=${s:i:1}
      if [[ $c =~ [[:cntrl:]] ]]; then printf -v c '\\u%04x' "'$c"; fi
      out+=$c
    done
    s=$out
  fi
  printf '"%s"' "$s"
}

# --- Finding or starting the manager
read_manager_url() {
  [[ -r $HOME_DIR/manager.json ]] || return 1
  URL=$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$HOME_DIR/manager.json" | head -n 1)
  [[ -n $URL ]]
}

manager_alive() {
  read_manager_url && curl -s -o /dev/null --max-time 2 "$URL/actuator/health/liveness"
}

start_manager() {
  [[ -f $JAR ]] || unreachable "no manager runs for $HOME_DIR and there is no built jar at $JAR; build it with: ./mvnw -DskipTests package"
  command -v java >/dev/null || unreachable "no manager runs and 'java' is not on PATH (Java 17 or newer is needed)"
  local port_arg=() out pid waited=0
  if [[ -n ${MCP_MANAGER_PORT:-} ]]; then
    port_arg=(--server.port="$MCP_MANAGER_PORT")
  elif (exec 3<>/dev/tcp/127.0.0.1/8787) 2>/dev/null; then
    port_arg=(--server.port=0) # 8787 is taken (another home's manager?): let the OS pick
  fi
  mkdir -p -m 700 "$HOME_DIR/logs"
  out=$HOME_DIR/logs/manager.out
  echo "$PROG: starting the manager for $HOME_DIR ..." >&2
  # setsid: the manager outlives this terminal; umask 077: its files are private too
  (umask 077; cd "$ROOT" && exec env -u MCP_SESSION_ID MCP_SESSIONS_HOME="$HOME_DIR" \
      setsid java -jar "$JAR" --mcp.dashboard.announce=false "${port_arg[@]}" </dev/null >>"$out" 2>&1) &
  pid=$!
  while ((waited < START_TIMEOUT * 10)); do
    if manager_alive; then return 0; fi
    if ! kill -0 "$pid" 2>/dev/null && ! manager_alive; then
      tail -n 5 "$out" >&2
      unreachable "the manager did not start; its output is in $out"
    fi
    sleep 0.1; waited=$((waited + 1))
  done
  unreachable "the manager did not answer within ${START_TIMEOUT}s; see $out and $HOME_DIR/logs/mcp-main.log"
}

# A zombie has exited but still answers kill -0 (pid 1 on some machines reaps late or never)
pid_running() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  { stat=$(<"/proc/$1/stat"); } 2>/dev/null || return 0
  [[ ${stat##*) } != Z* ]]
}

# Cheap on the hot path: no extra request; a dead or stale manager is found by its pid
connect() {
  local pid
  pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$HOME_DIR/manager.json" 2>/dev/null | head -n 1)
  if ! { [[ -n $pid ]] && pid_running "$pid" && read_manager_url; }; then
    manager_alive || start_manager
  fi
  [[ -r $HOME_DIR/token ]] || unreachable "cannot read the API token $HOME_DIR/token"
  TOKEN=$(<"$HOME_DIR/token")
}

# api METHOD PATH [curl args...]: prints the body on 2xx; else the problem's detail on stderr, exit 1
api() {
  local method=$1 path=$2; shift 2
  local accept='text/plain'; ((JSON)) && accept='application/json'
  local body code rc detail
  body=$(mktemp)
  code=$(curl -sS -o "$body" -w '%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
      -H "Accept: $accept" "$@" "$URL$path" 2>"$body.err"); rc=$?
  if ((rc != 0)); then
    cat "$body.err" >&2; rm -f "$body" "$body.err"
    unreachable "the manager at $URL did not answer"
  fi
  rm -f "$body.err"
  if [[ $code == 2* ]]; then
    cat "$body"; rm -f "$body"
    return 0
  fi
  detail=$(sed -n 's/.*"detail" *: *"\(\([^"\\]\|\\.\)*\)".*/\1/p' "$body" | head -n 1)
  [[ -n $detail ]] || detail=$(head -c 500 "$body")
  rm -f "$body"
  fail "$(printf '%b' "${detail//\\\"/\"}") (HTTP $code)"
}

require_session() {
  [[ -n $SESSION ]] || usage_error "no session: run 'eval \"\$($PROG init)\"' first, or pass --session ID"
  [[ $SESSION =~ ^[a-z0-9][a-z0-9_-]{0,63}$ ]] || usage_error "invalid session id '$SESSION'"
}

require_name() {
  [[ -n ${1:-} ]] || usage_error "$2: a server name is required"
  [[ $1 =~ ^[a-z0-9][a-z0-9_-]{0,63}$ ]] || usage_error "invalid server name '$1': use 1 to 64 of a-z 0-9 _ -"
}

# --- Owner of a new session: the shell that ran init. Under $(...) some shells run us from a
# short-lived forked subshell (same program and command line as its parent); then the owner is
# the terminal's session leader.
default_owner() {
  local parent=$PPID grand leader
  grand=$(ps -o ppid= -p "$parent" 2>/dev/null | tr -d ' ')
  if [[ -n $grand && $grand != 0 && -r /proc/$parent/cmdline && -r /proc/$grand/cmdline ]] \
      && cmp -s "/proc/$parent/cmdline" "/proc/$grand/cmdline" \
      && [[ $(readlink "/proc/$parent/exe") == "$(readlink "/proc/$grand/exe")" ]]; then
    leader=$(ps -o sid= -p "$parent" 2>/dev/null | tr -d ' ')
    if [[ -n $leader && $leader != 0 ]] && kill -0 "$leader" 2>/dev/null; then echo "$leader"; else echo "$grand"; fi
    return
  fi
  echo "$parent"
}

send_environment() {
  api PUT "/api/sessions/$1/environment" -H 'Content-Type: application/octet-stream' \
      --data-binary @<(env -0) >/dev/null
}

# --- Commands
cmd_init() {
  local name='' owner=''
  while (($#)); do
    case $1 in
      --name) name=${2:-}; shift 2 || usage_error "init: --name needs a value" ;;
      --name=*) name=${1#*=}; shift ;;
      --owner) owner=${2:-}; shift 2 || usage_error "init: --owner needs a value" ;;
      --owner=*) owner=${1#*=}; shift ;;
      -h|--help) echo "Usage: $PROG init [--name N] [--owner PID]"
        echo "Creates a session owned by the calling shell (or PID; 0 = no owner, only 'end' removes it)."
        echo "Prints 'export MCP_SESSION_ID=<id>'; use: eval \"\$($PROG init)\""; return 0 ;;
      *) usage_error "init: unknown argument '$1'" ;;
    esac
  done
  [[ -z $owner || $owner =~ ^[0-9]+$ ]] || usage_error "init: --owner takes a pid"
  [[ -z $name || $name =~ ^[a-z0-9][a-z0-9_-]{0,63}$ ]] || usage_error "init: invalid name '$name': use 1 to 64 of a-z 0-9 _ -, starting with a letter or digit"
  [[ -n $owner ]] || owner=$(default_owner)
  connect
  local body="{\"ownerPid\":$owner,\"cwd\":$(json_string "$PWD")"
  [[ -n $name ]] && body+=",\"name\":\"$name\""
  body+="}"
  local line id
  line=$(JSON=0 api POST /api/sessions -H 'Content-Type: application/json' --data-binary "$body") || exit $?
  id=${line#export MCP_SESSION_ID=}
  if ! send_environment "$id"; then
    api DELETE "/api/sessions/$id" >/dev/null 2>&1
    fail "could not store the environment of session $id; nothing was created"
  fi
  printf '%s\n' "$line"
}

cmd_status() {
  local all=0
  while (($#)); do
    case $1 in
      --all|-a) all=1; shift ;;
      -h|--help) echo "Usage: $PROG status [--all] [--json]"
        echo "Columns: SESSION SERVER STATE PID PORT UPTIME RESTARTS CPU RSS"; return 0 ;;
      *) usage_error "status: unknown argument '$1'" ;;
    esac
  done
  connect
  if ((all)) || [[ -z $SESSION ]]; then
    api GET /api/sessions
  else
    require_session
    api GET "/api/sessions/$SESSION"
  fi
}

cmd_end() {
  case ${1:-} in
    -h|--help) echo "Usage: $PROG end"; echo "Stops every server of the session and removes the session."; return 0 ;;
    '') ;;
    *) usage_error "end: unknown argument '$1'" ;;
  esac
  require_session
  connect
  api DELETE "/api/sessions/$SESSION" >/dev/null || exit $?
  echo "Session $SESSION ended. Run: unset MCP_SESSION_ID"
}

cmd_cleanup() {
  local dry=false
  while (($#)); do
    case $1 in
      --dry-run|-n) dry=true; shift ;;
      -h|--help) echo "Usage: $PROG cleanup [--dry-run]"
        echo "Stops and removes what no live owner accounts for; --dry-run lists it and changes nothing."; return 0 ;;
      *) usage_error "cleanup: unknown argument '$1'" ;;
    esac
  done
  connect
  api POST "/api/cleanup?dryRun=$dry"
}

cmd_dashboard() {
  case ${1:-} in
    -h|--help) echo "Usage: $PROG dashboard"; echo "Prints the dashboard URL with its one-step login token."; return 0 ;;
    '') ;;
    *) usage_error "dashboard: unknown argument '$1'" ;;
  esac
  connect
  echo "$URL/login?token=$TOKEN"
}

# --- Global options, then the command
while (($#)); do
  case $1 in
    --session) [[ $# -ge 2 ]] || usage_error "--session needs a value"; SESSION=$2; shift 2 ;;
    --session=*) SESSION=${1#*=}; shift ;;
    --json) JSON=1; shift ;;
    -h|--help|help) main_help; exit 0 ;;
    -*) usage_error "unknown option '$1'" ;;
    *) break ;;
  esac
done
(($#)) || { main_help >&2; exit 2; }
command=$1; shift
# --json may also follow the command (but not inside a command after --)
args=(); rest=0
for a in "$@"; do
  if ((rest)); then args+=("$a"); continue; fi
  case $a in
    --json) JSON=1 ;;
    --) rest=1; args+=("$a") ;;
    *) args+=("$a") ;;
  esac
done
set -- ${args[@]+"${args[@]}"}

case $command in
  init) cmd_init "$@" ;;
  status) cmd_status "$@" ;;
  end) cmd_end "$@" ;;
  cleanup) cmd_cleanup "$@" ;;
  dashboard) cmd_dashboard "$@" ;;
  *) usage_error "unknown command '$command'" ;;
esac
