#!/usr/bin/env bash
# The system's processes on the production-like topology: the api (API_WORKERS=2: two Node
# processes behind one port), two Temporal workers and two projectors, each its own daemon with a
# pid file in .infra/cluster/run and a log in .infra/cluster/logs, configured from .infra/cluster/env.
# Usage: bash infra/cluster/apps.sh start|stop|kill|status [api|worker-1|worker-2|projector-1|projector-2]
#   start   (default all) start and wait until /health/ready says ready
set -euo pipefail
LOG_TAG=cluster-apps
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

ALL_APPS=(api worker-1 worker-2 projector-1 projector-2)
START_TIMEOUT="${CLUSTER_APP_START_TIMEOUT:-240}"

ready_url() {
  case "$1" in
  api) echo "http://127.0.0.1:$CLUSTER_API_PORT/health/ready" ;;
  worker-*) echo "http://127.0.0.1:$(worker_health_port "${1#worker-}")/health/ready" ;;
  projector-*) echo "http://127.0.0.1:$(projector_health_port "${1#projector-}")/health/ready" ;;
  esac
}

start_app() {
  local name="$1"
  is_running "$name" && return 0
  [ -f "$CLUSTER_ENV_FILE" ] || die "$CLUSTER_ENV_FILE saknas / is missing: kör / run bash infra/cluster/up.sh"
  (
    set -a
    . "$CLUSTER_ENV_FILE"
    set +a
    # Only the runtime role: migrations ran once in up.sh (npm run migrate).
    unset DATABASE_OWNER_URL
    export NODE_ENV=development AUTH_MODE=dev HOST=127.0.0.1 MIGRATE_ON_START=false
    cd "$REPO_ROOT"
    case "$name" in
    api) PORT="$CLUSTER_API_PORT" API_WORKERS=2 start_daemon "$name" "$LOG_DIR/$name.log" node -r @swc-node/register apps/api/src/main.ts ;;
    worker-*) WORKFLOW_BUNDLE_PATH="$CLUSTER_DIR/workflow-bundle.js" WORKER_HEALTH_PORT="$(worker_health_port "${name#worker-}")" start_daemon "$name" "$LOG_DIR/$name.log" node -r @swc-node/register apps/worker/src/main.ts ;;
    projector-*) PROJECTOR_HEALTH_PORT="$(projector_health_port "${name#projector-}")" start_daemon "$name" "$LOG_DIR/$name.log" node -r @swc-node/register apps/projector/src/main.ts ;;
    *) die "okänd process / unknown process $name" ;;
    esac
  )
}

wait_ready() {
  local name="$1" url deadline=$((SECONDS + START_TIMEOUT))
  url="$(ready_url "$name")"
  until http_ok "$url"; do
    is_running "$name" || { tail -n 20 "$LOG_DIR/$name.log" >&2; die "$name dog under uppstart / died while starting (log: $LOG_DIR/$name.log)"; }
    ((SECONDS < deadline)) || { tail -n 20 "$LOG_DIR/$name.log" >&2; die "$name blev inte redo / did not become ready within ${START_TIMEOUT}s ($url)"; }
    sleep 1
  done
  log "$name redo / ready: $url"
}

apps() { if [ -n "${1:-}" ]; then echo "$1"; else echo "${ALL_APPS[@]}"; fi; }

start() {
  local name
  for name in $(apps "${1:-}"); do start_app "$name"; done
  for name in $(apps "${1:-}"); do wait_ready "$name"; done
}

stop() {
  local name
  for name in $(apps "${1:-}"); do stop_daemon "$name" 30; done
}

kill9() {
  local name
  for name in $(apps "${1:-}"); do
    if is_running "$name"; then
      # The api's cluster workers are its children: the whole process group goes.
      kill -KILL -- "-$(daemon_pid "$name")" 2>/dev/null || kill -KILL "$(daemon_pid "$name")"
      log "$name dödad / killed (SIGKILL)"
    fi
  done
}

status() {
  local name rc=0
  for name in "${ALL_APPS[@]}"; do
    if is_running "$name" && http_ok "$(ready_url "$name")"; then echo "$name: redo / ready ($(ready_url "$name"))"
    else echo "$name: INTE redo / NOT ready ($(ready_url "$name"))"; rc=1; fi
  done
  return $rc
}

case "${1:-}" in
start) start "${2:-}" ;;
stop) stop "${2:-}" ;;
restart) stop "${2:-}" && start "${2:-}" ;;
kill) kill9 "${2:-}" ;;
status) status ;;
*)
  echo "usage: bash infra/cluster/apps.sh start|stop|kill|restart|status [${ALL_APPS[*]}]" >&2
  exit 2
  ;;
esac
