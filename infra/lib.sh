# shellcheck shell=bash
# Shared helpers for the infra/ scripts. Source it; do not execute it.
#
#   . "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# Sets REPO_ROOT (computed from this file's location), INFRA_DIR (the git-ignored
# cache folder .infra/ under the repo root), RUN_DIR (pid files), LOG_DIR (logs)
# and BIN_DIR (built or generated executables).

INFRA_SCRIPTS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$INFRA_SCRIPTS/.." && pwd -P)"
# KVALITET_INFRA_DIR: another cache folder, for a second set of local servers (on other ports).
INFRA_DIR="${KVALITET_INFRA_DIR:-$REPO_ROOT/.infra}"
RUN_DIR="$INFRA_DIR/run"
LOG_DIR="$INFRA_DIR/logs"
BIN_DIR="$INFRA_DIR/bin"
export REPO_ROOT INFRA_DIR RUN_DIR LOG_DIR BIN_DIR INFRA_SCRIPTS

# Name shown in front of every message; scripts set it before sourcing or after.
: "${LOG_TAG:=infra}"

log() { printf '[%s] %s\n' "$LOG_TAG" "$*" >&2; }
die() {
  printf '[%s] ERROR: %s\n' "$LOG_TAG" "$*" >&2
  exit 1
}

# require_cmd <cmd> <install hint>
require_cmd() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' saknas / is missing: $2"
}

# Creates .infra/ and its standard subfolders; every folder on the way stays traversable
# (o+x) so that a non-root user (PostgreSQL refuses to run as root) can reach its data dir.
ensure_infra_dirs() {
  mkdir -p "$INFRA_DIR" "$RUN_DIR" "$LOG_DIR" "$BIN_DIR"
  chmod o+x "$INFRA_DIR" "$RUN_DIR" "$LOG_DIR" "$BIN_DIR" 2>/dev/null || true
}

# Makes every directory from / down to <dir> traversable by others; returns 1 if one is
# not and could not be made so.
ensure_traversable() {
  local dir="$1" d
  d="$dir"
  while [ -n "$d" ] && [ "$d" != "/" ]; do
    if [ -d "$d" ] && ! [ "$(stat -c %A "$d" | cut -c10)" = "x" ] && ! [ "$(stat -c %A "$d" | cut -c10)" = "t" ]; then
      chmod o+x "$d" 2>/dev/null || return 1
    fi
    d="$(dirname "$d")"
  done
}

pid_file() { printf '%s/%s.pid\n' "$RUN_DIR" "$1"; }

# proc_starttime <pid>: the kernel's start time of the process (field 22 of /proc/<pid>/stat),
# kept beside the pid file so that a pid reused by an unrelated process is not taken for ours.
proc_starttime() {
  local stat
  stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  # shellcheck disable=SC2086
  set -- $stat
  printf '%s\n' "${20}"
}

# is_running <name>: true when .infra/run/<name>.pid names a live process. A pid file whose
# process is gone (killed, machine restarted) is stale: it is removed and 1 is returned.
is_running() {
  local pf pid
  pf="$(pid_file "$1")"
  [ -f "$pf" ] || return 1
  pid="$(cat "$pf" 2>/dev/null)"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    local expected actual
    expected="$(cat "$pf.start" 2>/dev/null || true)"
    actual="$(proc_starttime "$pid" || true)"
    # A zombie (exited, not yet reaped) is not running; a pid reused by another process is not ours.
    if [ "$(ps -o stat= -p "$pid" 2>/dev/null | cut -c1)" != "Z" ] &&
      { [ -z "$expected" ] || [ "$expected" = "$actual" ]; }; then
      return 0
    fi
  fi
  rm -f "$pf" "$pf.start"
  return 1
}

# stale_pid <name>: if .infra/run/<name>.pid exists but its process is gone, prints the dead
# pid, removes the pid file and returns 0; otherwise returns 1. For status messages.
stale_pid() {
  local pf pid
  pf="$(pid_file "$1")"
  [ -f "$pf" ] || return 1
  pid="$(cat "$pf" 2>/dev/null)"
  is_running "$1" && return 1
  printf '%s\n' "${pid:-?}"
}

# daemon_pid <name>: prints the pid from the pid file (empty if none).
daemon_pid() { cat "$(pid_file "$1")" 2>/dev/null || true; }

# start_daemon <name> <logfile> <cmd...>: starts cmd detached (own session, stdin from
# /dev/null, stdout+stderr appended to logfile) and writes its pid to .infra/run/<name>.pid.
# Refuses (returns 1) if <name> is already running.
start_daemon() {
  local name="$1" logfile="$2"
  shift 2
  ensure_infra_dirs
  if is_running "$name"; then
    log "$name körs redan / already running (pid $(daemon_pid "$name"))"
    return 1
  fi
  mkdir -p "$(dirname "$logfile")"
  printf '\n===== %s start %s: %s\n' "$name" "$(date -Is)" "$*" >>"$logfile"
  # setsid: own session and process group, so a Ctrl-C in the caller's terminal or the end
  # of the calling shell does not reach it; nohup: ignore SIGHUP.
  # Job control off in the subshell, so the child is no process-group leader and setsid
  # does not fork: $! is the daemon itself (nohup and setsid exec).
  local pid
  pid="$(
    set +m
    # Lock fds 8 and 9 (see take_lock) are closed so the daemon does not hold the locks.
    setsid nohup "$@" </dev/null >>"$logfile" 2>&1 8>&- 9>&- &
    echo $!
  )"
  printf '%s\n' "$pid" >"$(pid_file "$name")"
  sleep 0.05
  proc_starttime "$pid" >"$(pid_file "$name").start" 2>/dev/null || true
  log "$name startad / started (pid $pid, log $logfile)"
}

# stop_daemon <name> [timeout_s=20]: SIGTERM to the pid in the pid file, waits, then SIGKILL
# (to the process group too, so children go with it). Removes the pid file. Never by name.
stop_daemon() {
  local name="$1" timeout="${2:-20}" pid i
  if ! is_running "$name"; then
    log "$name körs inte / not running"
    return 0
  fi
  pid="$(daemon_pid "$name")"
  log "stoppar / stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for ((i = 0; i < timeout * 5; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name svarade inte på SIGTERM inom ${timeout}s / did not stop within ${timeout}s: SIGKILL"
    # The daemon leads its own process group (setsid): kill the group, then the pid itself.
    kill -KILL -- "-$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
  fi
  rm -f "$(pid_file "$name")" "$(pid_file "$name").start"
  log "$name stoppad / stopped"
}

# take_lock <name> [fd=9]: serialises concurrent runs of the same script (two shells running
# up.sh at once) with flock on .infra/run/<name>.lock; held until the script exits.
take_lock() {
  local name="$1" fd="${2:-9}"
  command -v flock >/dev/null 2>&1 || return 0
  ensure_infra_dirs
  eval "exec $fd>\"\$RUN_DIR/\$name.lock\""
  if ! flock -n "$fd"; then
    log "väntar på / waiting for another run holding $RUN_DIR/$name.lock…"
    flock -w 900 "$fd" || die "$RUN_DIR/$name.lock släpps inte / is not released within 900 s"
  fi
}

# port_open <host> <port>: true if a TCP connect succeeds.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# wait_for_port <host> <port> <timeout_s> <name> <logfile> [pid-name]
# Waits until host:port accepts connections. On timeout (or, if pid-name is given, when that
# daemon dies first) prints the last 20 lines of logfile and returns 1.
wait_for_port() {
  local host="$1" port="$2" timeout="$3" name="$4" logfile="$5" pidname="${6:-}"
  local deadline=$((SECONDS + timeout))
  while ! port_open "$host" "$port"; do
    if [ -n "$pidname" ] && ! is_running "$pidname"; then
      log "$name dog under uppstart / died while starting; sista raderna / last lines of $logfile:"
      tail -n 20 "$logfile" >&2 2>/dev/null || true
      return 1
    fi
    if ((SECONDS >= deadline)); then
      log "$name svarar inte på / does not answer on $host:$port efter / after ${timeout}s; sista raderna / last lines of $logfile:"
      tail -n 20 "$logfile" >&2 2>/dev/null || true
      return 1
    fi
    sleep 0.3
  done
}

# port_taken_by_other <host> <port> <name>: dies with a clear message if something that is
# not our daemon already listens on the port.
refuse_if_port_taken() {
  local host="$1" port="$2" name="$3"
  if port_open "$host" "$port"; then
    die "port $host:$port används redan av en annan process / is already in use by another process (not $name from $RUN_DIR); stoppa den eller sätt motsvarande miljövariabel / stop it or set the env var for an external server"
  fi
}

# mvn_fetch <pom> <output dir>: copies the pom's dependencies (transitively) from Maven
# Central into <output dir>, using the local repository .infra/m2.
mvn_fetch() {
  local pom="$1" out="$2"
  require_cmd mvn "apt-get install maven (Apache Maven 3.x; hämtar från Maven Central)"
  require_cmd java "apt-get install openjdk-17-jre-headless (Java 17+)"
  mkdir -p "$INFRA_DIR/m2"
  local tmp="$out.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  if ! mvn -q -B -f "$pom" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DoutputDirectory="$tmp" -DincludeScope=runtime \
    -Dmaven.repo.local="$INFRA_DIR/m2" >"$LOG_DIR/mvn-$(basename "$pom" .xml).log" 2>&1; then
    tail -n 20 "$LOG_DIR/mvn-$(basename "$pom" .xml).log" >&2
    rm -rf "$tmp"
    die "mvn kunde inte hämta / could not fetch the dependencies of $pom from Maven Central (log: $LOG_DIR/mvn-$(basename "$pom" .xml).log)"
  fi
  rm -rf "$out"
  mv "$tmp" "$out"
}
