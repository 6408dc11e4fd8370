#!/usr/bin/env bash
# The manager against supervisord on this machine, same workloads in the same run:
#   1. exit -> restarted: median of KILLS SIGKILLs of a sleep server, each after it ran 2 s
#   2. start SERVERS servers until all RUNNING (startsecs 0), the supervisor's CPU while they idle,
#      then stop them
#   3. log throughput of a server writing LOG_MB MB to stdout, against `cmd > file`
# Both run on private temporary homes/configs/sockets; no system configuration is read or touched,
# and both are stopped (and every process they started is gone) at the end.
#
# Usage: bench/supervision-bench.sh        (env: KILLS=50 SERVERS=100 LOG_MB=500 ROUNDS=3)
# Needs: a built jar (./mvnw -DskipTests package), java, curl, supervisord (apt-get install supervisor).
set -euo pipefail

KILLS=${KILLS:-50}
SERVERS=${SERVERS:-100}
LOG_MB=${LOG_MB:-500}
ROUNDS=${ROUNDS:-3}
IDLE_SECS=${IDLE_SECS:-10}
PARALLEL=8
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLI=$ROOT/bin/mcp-session-manager.sh
SUPERVISORD=$(command -v supervisord || echo /usr/bin/supervisord)
LINE='a line of server output, about as long as a real one'
BYTES=$((LOG_MB * 1024 * 1024))

WORK=$(mktemp -d "${TMPDIR:-/tmp}/supervision-bench.XXXXXX")
HOME_DIR=$WORK/home
SOCK=$WORK/supervisor.sock
SV_PID=
exec {NAP_FD}<> <(:) # read -t on a pipe nobody writes: a sub-millisecond sleep without a fork

nap() { read -t "$1" -u "$NAP_FD" || true; }
now_us() { local t=$EPOCHREALTIME; echo $((10#${t/./})); }

# ---- cleanup: both supervisors, then anything still carrying this run's directory in its environment
cleanup() {
  local pid
  pid=$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$HOME_DIR/manager.json" 2>/dev/null || true)
  if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
    for _ in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; nap 0.1; done
  fi
  if [[ -n $SV_PID ]] && kill "$SV_PID" 2>/dev/null; then
    for _ in $(seq 1 300); do kill -0 "$SV_PID" 2>/dev/null || break; nap 0.1; done
  fi
  for env in /proc/[0-9]*/environ; do
    pid=${env#/proc/}; pid=${pid%/environ}
    [[ $pid != "$$" ]] && grep -qsF "$WORK" "$env" && kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- statistics over microsecond samples
median_ms() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'; }
p90_ms() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {i=int((NR*90+99)/100); printf "%.1f", a[i]/1000}'; }
secs() { awk -v us="$1" 'BEGIN {printf "%.2f", us/1e6}'; }
cpu_ticks() { local stat; stat=$(<"/proc/$1/stat"); stat=${stat##*) }; set -- $stat; echo $((${12} + ${13})); }
idle_cpu() { # PID: CPU% of that process over IDLE_SECS, 100% = one core
  local before after
  before=$(cpu_ticks "$1"); nap "$IDLE_SECS"; after=$(cpu_ticks "$1")
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v s="$IDLE_SECS" 'BEGIN {printf "%.1f%%", t / hz / s * 100}'
}

# ---- the manager, through its CLI (which starts it from the jar) and its JSON API (curl)
manager_up() {
  export MCP_SESSIONS_HOME=$HOME_DIR MCP_MANAGER_PORT=0 MCP_MANAGER_START_TIMEOUT=${MCP_MANAGER_START_TIMEOUT:-120}
  unset MCP_SESSION_ID
  MS=$("$CLI" init --owner 0 | sed 's/.*=//')
  MS2=$("$CLI" init --owner 0 | sed 's/.*=//')
  URL=$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$HOME_DIR/manager.json")
  TOKEN=$(<"$HOME_DIR/token")
}
api() { # METHOD PATH [JSON]
  curl -sS -f -X "$1" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -H 'Accept: application/json' ${3:+--data-binary "$3"} "$URL$2"
}
running_in() { api GET "/api/sessions/$1/servers" | grep -o '"state":"RUNNING"' | wc -l; }

# ---- supervisord, with its own config and socket under $WORK, driven by XML-RPC over the socket
# (what supervisorctl sends; curl instead because a Python start per poll costs ~1 s on a busy box)
supervisord_up() {
  local conf=$WORK/supervisord.conf i group=
  mkdir -p "$WORK/sv-logs"
  cat >"$conf" <<EOF
[unix_http_server]
file=$SOCK
chmod=0700
[supervisord]
logfile=$WORK/supervisord.log
pidfile=$WORK/supervisord.pid
childlogdir=$WORK/sv-logs
nodaemon=true
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://$SOCK
[program:sleeper]
command=sh -c 'echo \$\$ > $WORK/sv-sleeper.pid; exec sleep 1000000'
autostart=false
autorestart=unexpected
startsecs=1
stdout_logfile=$WORK/sv-logs/sleeper.log
redirect_stderr=true
environment=BENCH_RUN="$WORK"
[program:logger]
command=sh -c "yes '$LINE' | head -c $BYTES; echo done > $WORK/sv-logger.done; exec sleep 1000000"
autostart=false
autorestart=false
startsecs=0
stdout_logfile=$WORK/sv-logs/logger.log
stdout_logfile_maxbytes=10MB
stdout_logfile_backups=5
redirect_stderr=true
environment=BENCH_RUN="$WORK"
EOF
  for ((i = 1; i <= SERVERS; i++)); do
    printf '[program:m%03d]\ncommand=sleep 1000000\nautostart=false\nstartsecs=0\nstdout_logfile=%s/sv-logs/m%03d.log\nredirect_stderr=true\nenvironment=BENCH_RUN="%s"\n' \
        "$i" "$WORK" "$i" "$WORK" >>"$conf"
    group+="${group:+,}$(printf 'm%03d' "$i")"
  done
  printf '[group:many]\nprograms=%s\n' "$group" >>"$conf"
  "$SUPERVISORD" -c "$conf" >"$WORK/supervisord.out" 2>&1 &
  SV_PID=$!
  for _ in $(seq 1 300); do [[ -S $SOCK ]] && rpc supervisor.getState >/dev/null 2>&1 && return 0; nap 0.1; done
  echo "supervisord did not start; see $WORK/supervisord.out" >&2; exit 1
}
rpc() { # METHOD [string or boolean params...]
  local params='' p
  for p in "${@:2}"; do
    case $p in true|false) params+="<param><value><boolean>$([[ $p == true ]] && echo 1 || echo 0)</boolean></value></param>" ;;
      *) params+="<param><value><string>$p</string></value></param>" ;; esac
  done
  curl -sS -f --unix-socket "$SOCK" -H 'Content-Type: text/xml' http://localhost/RPC2 \
      --data-binary "<?xml version=\"1.0\"?><methodCall><methodName>$1</methodName><params>$params</params></methodCall>"
}
SV_PID_RE='<name>pid</name>[[:space:]]*<value><int>([0-9]+)<'
sv_pid() { local info; info=$(rpc supervisor.getProcessInfo "$1") && [[ $info =~ $SV_PID_RE ]] && PID=${BASH_REMATCH[1]}; }
sv_running() { rpc supervisor.getAllProcessInfo | tr -d '\n' | grep -o '<name>statename</name><value><string>RUNNING' | wc -l; }

# ---- 1. exit -> restarted
# server = the pid the restarted process writes itself; record = the supervisor's own record of it
# (the manager's pid file; supervisord's getProcessInfo). Polled every millisecond.
read_pid_file() { local json=; [[ -r $1 ]] && read -r -d '' json <"$1"; [[ $json =~ \"pid\"\ *:\ *([0-9]+) ]] && PID=${BASH_REMATCH[1]}; }
read_own_pid() { PID=; [[ -r $1 ]] && read -r PID <"$1" || true; [[ -n $PID ]]; }

restart_latency() { # NAME OWN_PID_FILE RECORD_FN [ARGS...]; fills SERVER_US and RECORD_US
  local own=$2 old t0 i; shift 2
  SERVER_US=() RECORD_US=()
  for ((i = 0; i < KILLS; i++)); do
    until read_own_pid "$own" && old=$PID && "$@" && [[ $PID == "$old" ]]; do nap 0.01; done
    nap 2 # ran long enough to count as RUNNING, and not as a crash loop
    t0=$(now_us)
    kill -9 "$old"
    until read_own_pid "$own" && [[ $PID != "$old" ]]; do nap 0.001; done
    SERVER_US+=($(($(now_us) - t0)))
    until "$@" && [[ $PID != "$old" ]]; do nap 0.001; done
    RECORD_US+=($(($(now_us) - t0)))
  done
}

# ---- 2. start and stop many
start_stop_manager() {
  local t0
  t0=$(now_us)
  seq -f 'm%03g' 1 "$SERVERS" | xargs -P $PARALLEL -I{} curl -sS -f -o /dev/null -X POST \
      -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      --data-binary '{"name":"{}","command":"sleep 1000000","startSecs":0}' "$URL/api/sessions/$MS2/servers"
  until (($(running_in "$MS2") == SERVERS)); do nap 0.01; done
  M_START=$(($(now_us) - t0))
  M_IDLE=$(idle_cpu "$(sed -n 's/.*"pid" *: *\([0-9]*\).*/\1/p' "$HOME_DIR/manager.json")")
  t0=$(now_us)
  seq -f 'm%03g' 1 "$SERVERS" | xargs -P $PARALLEL -I{} curl -sS -f -o /dev/null -X POST \
      -H "Authorization: Bearer $TOKEN" "$URL/api/sessions/$MS2/servers/{}/stop"
  M_STOP=$(($(now_us) - t0))
  (($(running_in "$MS2") == 0)) || { echo "manager: servers still running after the stops" >&2; exit 1; }
  # all at once, as supervisord's group start and stop: start --all, stop --all, then (started
  # again) ending the session
  t0=$(now_us)
  api POST "/api/sessions/$MS2/start" >/dev/null
  until (($(running_in "$MS2") == SERVERS)); do nap 0.01; done
  M_START_ALL=$(($(now_us) - t0))
  t0=$(now_us)
  api POST "/api/sessions/$MS2/stop" >/dev/null
  M_STOP_ALL=$(($(now_us) - t0))
  (($(running_in "$MS2") == 0)) || { echo "manager: servers still running after stop --all" >&2; exit 1; }
  start_all_manager
  t0=$(now_us)
  api DELETE "/api/sessions/$MS2" >/dev/null
  M_END=$(($(now_us) - t0))
}

start_all_manager() {
  seq -f 'm%03g' 1 "$SERVERS" | xargs -P $PARALLEL -I{} curl -sS -f -o /dev/null -X POST \
      -H "Authorization: Bearer $TOKEN" "$URL/api/sessions/$MS2/servers/{}/start"
  until (($(running_in "$MS2") == SERVERS)); do nap 0.01; done
}

start_stop_supervisord() {
  local t0
  t0=$(now_us)
  rpc supervisor.startProcessGroup many true >/dev/null
  until (($(sv_running) == SERVERS)); do nap 0.01; done
  S_START=$(($(now_us) - t0))
  S_IDLE=$(idle_cpu "$SV_PID")
  t0=$(now_us)
  rpc supervisor.stopProcessGroup many true >/dev/null
  S_STOP=$(($(now_us) - t0))
  (($(sv_running) == 0)) || { echo "supervisord: servers still running after the stop" >&2; exit 1; }
}

# ---- 3. log throughput: start to the writer's last byte, best of ROUNDS
log_baseline() {
  local t0 best=0 r
  for ((r = 0; r < ROUNDS; r++)); do
    t0=$(now_us)
    sh -c "yes '$LINE' | head -c $BYTES > '$WORK/baseline.log'"
    local us=$(($(now_us) - t0)); ((best == 0 || us < best)) && best=$us
    rm -f "$WORK/baseline.log"
  done
  BASE_US=$best
}

log_manager() {
  local t0 best=0 r s
  for ((r = 0; r < ROUNDS; r++)); do
    s=$("$CLI" init --owner 0 | sed 's/.*=//')
    rm -f "$WORK/m-logger.done"
    t0=$(now_us)
    api POST "/api/sessions/$s/servers" "{\"name\":\"logger\",\"startSecs\":0,\"argv\":[\"sh\",\"-c\",\"yes '$LINE' | head -c $BYTES; echo done > $WORK/m-logger.done; exec sleep 1000000\"]}" >/dev/null
    until [[ -e $WORK/m-logger.done ]]; do nap 0.002; done
    local us=$(($(now_us) - t0)); ((best == 0 || us < best)) && best=$us
    M_LOGFILES=$(du -sm "$HOME_DIR/logs/$s" | cut -f1)
    api DELETE "/api/sessions/$s" >/dev/null
  done
  M_LOG_US=$best
}

log_supervisord() {
  local t0 best=0 r
  for ((r = 0; r < ROUNDS; r++)); do
    rm -f "$WORK/sv-logger.done"
    t0=$(now_us)
    rpc supervisor.startProcess logger false >/dev/null
    until [[ -e $WORK/sv-logger.done ]]; do nap 0.002; done
    local us=$(($(now_us) - t0)); ((best == 0 || us < best)) && best=$us
    S_LOGFILES=$(du -sm "$WORK/sv-logs" | cut -f1)
    rpc supervisor.stopProcess logger true >/dev/null
  done
  S_LOG_US=$best
}

mbps() { awk -v us="$1" -v mb="$LOG_MB" 'BEGIN {printf "%.0f MB/s", mb / (us / 1e6)}'; }
ratio() { awk -v base="$BASE_US" -v us="$1" 'BEGIN {printf "%.2f", base / us}'; }

# ---- run
[[ -f $ROOT/target/mcp-session-manager.jar ]] || { echo "build the jar first: ./mvnw -DskipTests package" >&2; exit 2; }
[[ -x $SUPERVISORD ]] || { echo "supervisord not found (apt-get install -y supervisor)" >&2; exit 2; }
echo "machine:     $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(free -g | awk '/^Mem:/ {print $2}') GB RAM, $(uname -sr)"
echo "java:        $(java -version 2>&1 | head -n 1)"
echo "supervisord: $("$SUPERVISORD" --version)   filesystem: $(df -T "$WORK" | awk 'NR==2 {print $2}')"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

manager_up
supervisord_up
echo "workdir:     $WORK (manager $URL, supervisord pid $SV_PID)"

echo "1/3 restart after SIGKILL, $KILLS kills each ..." >&2
api POST "/api/sessions/$MS/servers?wait=true" "{\"name\":\"sleeper\",\"startSecs\":1,\"argv\":[\"sh\",\"-c\",\"echo \$\$ > $WORK/m-sleeper.pid; exec sleep 1000000\"]}" >/dev/null
restart_latency sleeper "$WORK/m-sleeper.pid" read_pid_file "$HOME_DIR/pids/$MS/sleeper.json"
M_SERVER=("${SERVER_US[@]}") M_RECORD=("${RECORD_US[@]}")
api POST "/api/sessions/$MS/servers/sleeper/stop" >/dev/null
rpc supervisor.startProcess sleeper true >/dev/null
restart_latency sleeper "$WORK/sv-sleeper.pid" sv_pid sleeper
S_SERVER=("${SERVER_US[@]}") S_RECORD=("${RECORD_US[@]}")
rpc supervisor.stopProcess sleeper true >/dev/null

echo "2/3 start and stop $SERVERS servers ..." >&2
start_stop_manager
start_stop_supervisord

echo "3/3 log throughput, $LOG_MB MB, best of $ROUNDS ..." >&2
log_baseline
log_manager
log_supervisord
echo "load after:  $(cut -d' ' -f1-3 /proc/loadavg)"

echo
printf '%-52s %-24s %-24s\n' "" "manager" "supervisord"
printf '%-52s %-24s %-24s\n' "exit -> restarted, server side (median / p90)" \
    "$(median_ms "${M_SERVER[@]}") / $(p90_ms "${M_SERVER[@]}") ms" "$(median_ms "${S_SERVER[@]}") / $(p90_ms "${S_SERVER[@]}") ms"
printf '%-52s %-24s %-24s\n' "exit -> new pid recorded (median / p90)" \
    "$(median_ms "${M_RECORD[@]}") / $(p90_ms "${M_RECORD[@]}") ms" "$(median_ms "${S_RECORD[@]}") / $(p90_ms "${S_RECORD[@]}") ms"
printf '%-52s %-24s %-24s\n' "start $SERVERS until all RUNNING (manager: $PARALLEL at a time)" "$(secs "$M_START") s" "$(secs "$S_START") s"
printf '%-52s %-24s %-24s\n' "start $SERVERS together (start --all / group start)" "$(secs "$M_START_ALL") s" "$(secs "$S_START") s"
printf '%-52s %-24s %-24s\n' "CPU of the supervisor while $SERVERS servers idle" "$M_IDLE" "$S_IDLE"
printf '%-52s %-24s %-24s\n' "stop $SERVERS (manager: $PARALLEL requests at a time)" "$(secs "$M_STOP") s" "$(secs "$S_STOP") s"
printf '%-52s %-24s %-24s\n' "stop $SERVERS together (stop --all / group stop)" "$(secs "$M_STOP_ALL") s" "$(secs "$S_STOP") s"
printf '%-52s %-24s %-24s\n' "stop $SERVERS (manager: end the session)" "$(secs "$M_END") s" "-"
printf '%-52s %-24s %-24s\n' "log $LOG_MB MB: throughput (x of cmd > file)" \
    "$(mbps "$M_LOG_US") ($(ratio "$M_LOG_US")x)" "$(mbps "$S_LOG_US") ($(ratio "$S_LOG_US")x)"
printf '%-52s %-24s %-24s\n' "log $LOG_MB MB: cmd > file" "$(mbps "$BASE_US")" ""
printf '%-52s %-24s %-24s\n' "log $LOG_MB MB: disk used by the logs afterwards" "${M_LOGFILES} MB" "${S_LOGFILES} MB"
