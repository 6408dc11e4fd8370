#!/usr/bin/env bash
# mcp-session-manager.sh: a thin CLI over the manager's HTTP API (bash + curl).
# The manager renders tables as text, so this script parses no JSON.
# Exit codes: 0 ok, 1 refused or failed (reason on stderr), 2 usage error, 3 manager unreachable.
set -uo pipefail

PROG=mcp-session-manager.sh
# builtins only on the hot path: on a busy machine every forked process costs milliseconds
case ${BASH_SOURCE[0]} in */*) SCRIPT_DIR=${BASH_SOURCE[0]%/*} ;; *) SCRIPT_DIR=. ;; esac
[[ $SCRIPT_DIR == /* ]] || SCRIPT_DIR=$PWD/$SCRIPT_DIR
ROOT=$SCRIPT_DIR/..
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
  start --all | stop --all        start (stop) every server of the session
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
MANAGER_PID=
# Reads url and pid of manager.json with bash alone
read_manager_url() {
  local json=''
  [[ -r $HOME_DIR/manager.json ]] || return 1
  IFS= read -r -d '' json <"$HOME_DIR/manager.json"
  [[ $json =~ \"url\"[[:space:]]*:[[:space:]]*\"([^\"]*)\" ]] || return 1
  URL=${BASH_REMATCH[1]}
  [[ $json =~ \"pid\"[[:space:]]*:[[:space:]]*([0-9]+) ]] && MANAGER_PID=${BASH_REMATCH[1]}
  [[ -n $URL ]]
}

manager_alive() {
  read_manager_url && curl -s -o /dev/null --max-time 2 "$URL/actuator/health/liveness"
}

start_manager() {
  [[ -f $JAR ]] || unreachable "no manager runs for $HOME_DIR and there is no built jar at $JAR; build it with: ./mvnw -DskipTests package"
  command -v java >/dev/null || unreachable "no manager runs and 'java' is not on PATH (Java 17 or newer is needed)"
  local port_arg=() out pid deadline rc
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
  deadline=$((SECONDS + START_TIMEOUT)) # elapsed time, not loop turns: each turn may be slow
  while ((SECONDS < deadline)); do
    if manager_alive; then return 0; fi
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null && ! manager_alive; then
      # exit 2: another manager holds the home's lock (a CLI in another terminal started one at
      # the same moment); it answers once it has bound its port
      wait "$pid"; rc=$?
      ((rc == 2)) || { tail -n 5 "$out" >&2; unreachable "the manager did not start; its output is in $out"; }
      pid=
    fi
    sleep 0.1
  done
  unreachable "the manager did not answer within ${START_TIMEOUT}s; see $out and $HOME_DIR/logs/mcp-main.log"
}

# A zombie has exited but still answers kill -0 (pid 1 on some machines reaps late or never)
pid_running() {
  local stat
  kill -0 "$1" 2>/dev/null || return 1
  { IFS= read -r stat <"/proc/$1/stat"; } 2>/dev/null || return 0
  [[ ${stat##*) } != Z* ]]
}

# Cheap on the hot path: no extra request; a dead or stale manager is found by its pid
connect() {
  if ! { read_manager_url && [[ -n $MANAGER_PID ]] && pid_running "$MANAGER_PID"; }; then
    manager_alive || start_manager
  fi
  read_token
}

read_token() {
  [[ -r $HOME_DIR/token ]] || unreachable "cannot read the API token $HOME_DIR/token"
  IFS= read -r TOKEN <"$HOME_DIR/token"
}

# api METHOD PATH [curl args...]: prints the body on 2xx; else the problem's detail on stderr, exit 1
api() {
  local method=$1 path=$2; shift 2
  local accept='text/plain'; ((JSON)) && accept='application/json'
  local out code detail rc retried=0
  while :; do
    # one process: the body, then the status code on a line of its own, then curl's exit code
    out=$(curl -s -w '\n%{http_code}' -X "$method" -H "Authorization: Bearer $TOKEN" \
        -H "Accept: $accept" "$@" "$URL$path"; printf '\n%d' "$?")
    rc=${out##*$'\n'}; out=${out%$'\n'*}
    code=${out##*$'\n'}; out=${out%$'\n'*}
    # 7: nothing listens. The manager.json left by a crashed manager names a pid that may have
    # been reused by now; nothing was sent, so start a manager and send the request once more
    if ((rc == 7 && !retried)); then
      retried=1
      manager_alive || start_manager
      read_token # a new manager may have replaced an unusable one
      continue
    fi
    break
  done
  if [[ ! $code =~ ^[0-9]{3}$ || $code == 000 ]]; then
    unreachable "the manager at $URL did not answer (curl exit code $rc)"
  fi
  if [[ $code == 2* ]]; then
    printf '%s' "$out"
    return 0
  fi
  if [[ $out =~ \"detail\"[[:space:]]*:[[:space:]]*\"(([^\"\\]|\\.)*)\" ]]; then
    detail=${BASH_REMATCH[1]}
  else
    detail=${out:0:500}
  fi
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
# that subshell's parent, the shell itself. Not the terminal's session leader: a script or a CI
# job has none of its own, and a session owned by a long-lived leader would never be orphaned.
default_owner() {
  local parent=$PPID grand
  grand=$(ps -o ppid= -p "$parent" 2>/dev/null | tr -d ' ')
  if [[ -n $grand && $grand != 0 && -r /proc/$parent/cmdline && -r /proc/$grand/cmdline ]] \
      && cmp -s "/proc/$parent/cmdline" "/proc/$grand/cmdline" \
      && [[ $(readlink "/proc/$parent/exe") == "$(readlink "/proc/$grand/exe")" ]]; then
    echo "$grand"
  else
    echo "$parent"
  fi
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
      --name) [[ -n ${2:-} ]] || usage_error "init: --name needs a value"; name=$2; shift 2 ;;
      --name=*) name=${1#*=}; [[ -n $name ]] || usage_error "init: --name needs a value"; shift ;;
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
    if ((JSON)); then api GET "/api/sessions/$SESSION/servers"; else api GET "/api/sessions/$SESSION"; fi
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

cmd_start() {
  local name='' command='' transport='' restart='' port='' cwd='' config='' config_server='' env_json='' k v
  if [[ ${1:-} == --all ]]; then
    [[ $# -eq 1 ]] || usage_error "start: unexpected argument '$2'"
    require_session
    connect
    send_environment "$SESSION" || exit $?
    api POST "/api/sessions/$SESSION/start"
    return
  fi
  while (($#)); do
    case $1 in
      -h|--help) cat <<EOF
Usage: $PROG start NAME 'COMMAND' [--transport stdio|http|none] [--restart never|unexpected|always]
         [--port auto|N] [--env K=V]... [--cwd DIR] [--config FILE --config-server NAME]
       $PROG start --all
COMMAND is split into words like a POSIX shell splits them and run directly, never by a shell.
{port} in COMMAND is replaced by the leased port, also passed as env PORT.
Returns once the server is RUNNING (exit 0) or FATAL (exit 1, with its last log lines).
--all starts again every server of the session that does not run (after stop --all, say) and
prints the session's status table at once, without waiting for them.
EOF
        return 0 ;;
      --transport) transport=${2:-}; shift 2 || usage_error "start: --transport needs a value" ;;
      --restart) restart=${2:-}; shift 2 || usage_error "start: --restart needs a value" ;;
      --port) port=${2:-}; shift 2 || usage_error "start: --port needs a value" ;;
      --cwd) cwd=${2:-}; shift 2 || usage_error "start: --cwd needs a value" ;;
      --config) config=${2:-}; shift 2 || usage_error "start: --config needs a file" ;;
      --config-server) config_server=${2:-}; shift 2 || usage_error "start: --config-server needs a name" ;;
      --env) [[ ${2:-} == *=* ]] || usage_error "start: --env takes K=V"
        k=${2%%=*}; v=${2#*=}
        [[ $k =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || usage_error "start: invalid environment variable name '$k'"
        env_json+="${env_json:+,}$(json_string "$k"):$(json_string "$v")"; shift 2 ;;
      --*) usage_error "start: unknown option '$1'" ;;
      *) if [[ -z $name ]]; then name=$1; elif [[ -z $command ]]; then command=$1
         else usage_error "start: quote the command as one argument: start NAME 'COMMAND ARGS'"; fi; shift ;;
    esac
  done
  require_name "$name" start
  [[ -n $command ]] || usage_error "start: a command is required: start NAME 'COMMAND'"
  case $transport in ''|stdio|http|none) ;; *) usage_error "start: --transport is stdio, http or none" ;; esac
  case $restart in ''|never|unexpected|always) ;; *) usage_error "start: --restart is never, unexpected or always" ;; esac
  [[ -z $port || $port == auto || $port =~ ^[0-9]+$ ]] || usage_error "start: --port is auto or a number"
  [[ -z $config_server || -n $config ]] || usage_error "start: --config-server goes with --config"
  require_session
  local body="{\"name\":\"$name\",\"command\":$(json_string "$command")"
  [[ -n $transport ]] && body+=",\"transport\":\"$transport\""
  [[ -n $restart ]] && body+=",\"autorestart\":\"$restart\""
  [[ -n $port ]] && body+=",\"port\":\"$port\""
  [[ -n $cwd ]] && body+=",\"cwd\":$(json_string "$(cd "$cwd" 2>/dev/null && pwd || echo "$cwd")")"
  [[ -n $env_json ]] && body+=",\"env\":{$env_json}"
  if [[ -n $config ]]; then
    [[ -r $config ]] || fail "start: cannot read config file '$config'"
    body+=",\"config\":{\"file\":$(json_string "$(cd "$(dirname "$config")" && pwd)/$(basename "$config")")"
    [[ -n $config_server ]] && body+=",\"server\":$(json_string "$config_server")"
    body+="}"
  fi
  body+="}"
  connect
  send_environment "$SESSION" || exit $?
  api POST "/api/sessions/$SESSION/servers?wait=true" -H 'Content-Type: application/json' --data-binary "$body"
}

server_action() {
  local action=$1; shift
  case ${1:-} in
    -h|--help)
      if [[ $action == stop ]]; then
        echo "Usage: $PROG stop NAME | stop --all"
        echo "--all stops every server of the session together; the session and its servers' specs stay."
      else
        echo "Usage: $PROG $action NAME"
      fi
      return 0 ;;
    --all)
      [[ $action == stop ]] || usage_error "$action: unknown option '--all'"
      [[ $# -eq 1 ]] || usage_error "stop: unexpected argument '$2'"
      require_session
      connect
      api POST "/api/sessions/$SESSION/stop"
      return ;;
  esac
  require_name "${1:-}" "$action"
  [[ $# -eq 1 ]] || usage_error "$action: unexpected argument '$2'"
  require_session
  connect
  local query=''
  if [[ $action == restart ]]; then send_environment "$SESSION" || exit $?; query='?wait=true'; fi
  api POST "/api/sessions/$SESSION/servers/$1/$action$query"
}

cmd_logs() {
  local name='' lines=50 follow=0
  while (($#)); do
    case $1 in
      -h|--help) echo "Usage: $PROG logs NAME [-n N] [-f]"; echo "Prints the last N lines (default 50); -f follows new lines."; return 0 ;;
      -n) lines=${2:-}; shift 2 || usage_error "logs: -n needs a number" ;;
      -f|--follow) follow=1; shift ;;
      -*) usage_error "logs: unknown option '$1'" ;;
      *) [[ -z $name ]] || usage_error "logs: unexpected argument '$1'"; name=$1; shift ;;
    esac
  done
  require_name "$name" logs
  [[ $lines =~ ^[0-9]+$ ]] || usage_error "logs: -n takes a number"
  require_session
  connect
  if ((follow)); then
    api GET "/api/sessions/$SESSION/servers/$name" >/dev/null || exit $?
    curl -sS -N -H "Authorization: Bearer $TOKEN" -H 'Accept: text/event-stream' \
      "$URL/api/sessions/$SESSION/servers/$name/logs/stream?lines=$lines" | sed -u -n 's/^data: \{0,1\}//p'
  else
    api GET "/api/sessions/$SESSION/servers/$name/logs?lines=$lines"
  fi
}

cmd_check() {
  case ${1:-} in
    -h|--help) echo "Usage: $PROG check NAME | check -- COMMAND [ARGS...]"
      echo "MCP compliance report of a RUNNING stdio/http server, or of a command started just for the check."
      echo "Exit 0 when every check passes, 1 when one fails."; return 0 ;;
    '') usage_error "check: a server name, or -- COMMAND, is required" ;;
  esac
  local out
  if [[ $1 == -- ]]; then
    shift
    (($#)) || usage_error "check: a command is required after --"
    local argv='' a
    for a in "$@"; do argv+="${argv:+,}$(json_string "$a")"; done
    connect
    local query=''
    if [[ -n $SESSION ]]; then require_session; send_environment "$SESSION" || exit $?; query="?session=$SESSION"; fi
    out=$(api POST "/api/check$query" -H 'Content-Type: application/json' \
      --data-binary "{\"argv\":[$argv],\"cwd\":$(json_string "$PWD")}") || exit $?
  else
    require_name "$1" check
    [[ $# -eq 1 ]] || usage_error "check: unexpected argument '$2' (to check a command: check -- COMMAND)"
    require_session
    connect
    out=$(api POST "/api/sessions/$SESSION/servers/$1/check") || exit $?
  fi
  printf '%s\n' "$out"
  verdict "$out" PASSED '"passed":true'
}

# verdict OUTPUT TEXT-OK JSON-OK: exit status 0 when the report says so
verdict() {
  if ((JSON)); then [[ $1 == *"$3"* ]]; else [[ ${1%%$'\n'*} == "$2"* ]]; fi
}

cmd_validate_config() {
  local file='' online=false
  while (($#)); do
    case $1 in
      -h|--help) echo "Usage: $PROG validate-config FILE [--online]"
        echo "Checks a Proxmox servers config; *_env_var names are resolved in this shell's environment."
        echo "--online also asks each Proxmox API (reachability, realm, credentials). Exit 0 valid, 1 invalid."; return 0 ;;
      --online) online=true; shift ;;
      -*) usage_error "validate-config: unknown option '$1'" ;;
      *) [[ -z $file ]] || usage_error "validate-config: one file at a time"; file=$1; shift ;;
    esac
  done
  [[ -n $file ]] || usage_error "validate-config: a config file is required"
  [[ -r $file ]] || fail "validate-config: cannot read '$file'"
  connect
  local envfile out
  envfile=$(umask 077; mktemp)
  env -0 >"$envfile"
  out=$(api POST "/api/config/validate?online=$online" -F "config=@$file;type=application/json" \
    -F "environment=@$envfile;type=application/octet-stream"); local rc=$?
  rm -f "$envfile"
  ((rc == 0)) || exit $rc
  printf '%s\n' "$out"
  verdict "$out" VALID '"valid":true'
}

cmd_run() {
  local name='' config='' config_server=''
  while (($#)); do
    case $1 in
      -h|--help) cat <<EOF
Usage: $PROG [--session ID] run NAME [--config FILE [--config-server S]] -- COMMAND [ARGS...]
Wrapper mode, for MCP clients: registers this process as server NAME (state ATTACHED), writes
the per-session config copy, sends stderr to the server's log and execs COMMAND, so the client
talks to the server directly. Without a session, a new one is made, owned by the client.
EOF
        return 0 ;;
      --config) config=${2:-}; shift 2 || usage_error "run: --config needs a file" ;;
      --config-server) config_server=${2:-}; shift 2 || usage_error "run: --config-server needs a name" ;;
      --) shift; break ;;
      -*) usage_error "run: unknown option '$1'" ;;
      *) [[ -z $name ]] || usage_error "run: put the command after --: run NAME -- COMMAND"; name=$1; shift ;;
    esac
  done
  require_name "$name" run
  (($#)) || usage_error "run: a command is required after --"
  [[ -z $config_server || -n $config ]] || usage_error "run: --config-server goes with --config"
  connect
  if [[ -z $SESSION ]]; then
    local line
    line=$(JSON=0 api POST /api/sessions -H 'Content-Type: application/json' \
      --data-binary "{\"ownerPid\":$PPID,\"label\":\"mcp client $PPID\",\"cwd\":$(json_string "$PWD")}") || exit $?
    SESSION=${line#export MCP_SESSION_ID=}
  fi
  require_session
  send_environment "$SESSION" || exit $?
  local argv='' a body exports
  for a in "$@"; do argv+="${argv:+,}$(json_string "$a")"; done
  body="{\"pid\":$$,\"argv\":[$argv],\"cwd\":$(json_string "$PWD")"
  if [[ -n $config ]]; then
    [[ -r $config ]] || fail "run: cannot read config file '$config'"
    body+=",\"config\":{\"file\":$(json_string "$(cd "$(dirname "$config")" && pwd)/$(basename "$config")")"
    [[ -n $config_server ]] && body+=",\"server\":$(json_string "$config_server")"
    body+="}"
  fi
  body+="}"
  exports=$(JSON=0 api POST "/api/sessions/$SESSION/servers/$name/attach" -H 'Content-Type: application/json' \
    --data-binary "$body") || exit $?
  local MCP_SERVER_LOG=''
  eval "$exports"
  [[ -n $MCP_SERVER_LOG ]] && exec 2>>"$MCP_SERVER_LOG"
  exec "$@"
}

cmd_mcp_json() {
  case ${1:-} in
    -h|--help) echo "Usage: $PROG mcp-json"
      echo "Prints .mcp.json entries for this session's stdio and http servers (stdio ones through 'run')."; return 0 ;;
    '') ;;
    *) usage_error "mcp-json: unexpected argument '$1'" ;;
  esac
  require_session
  connect
  JSON=1 api GET "/api/sessions/$SESSION/mcp-json" -G --data-urlencode "cli=$SCRIPT_DIR/$(basename "${BASH_SOURCE[0]}")"
  echo
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
  start) cmd_start "$@" ;;
  stop|restart) server_action "$command" "$@" ;;
  logs) cmd_logs "$@" ;;
  check) cmd_check "$@" ;;
  validate-config) cmd_validate_config "$@" ;;
  run) cmd_run "$@" ;;
  mcp-json) cmd_mcp_json "$@" ;;
  *) usage_error "unknown command '$command'" ;;
esac
