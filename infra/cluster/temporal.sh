#!/usr/bin/env bash
# The production-like Temporal server: go.temporal.io/server v1.29.1 (the server the CLI v1.5.1 of
# infra/temporal.sh embeds) built with `go install` of its cmd/server, persistence and visibility in
# the project's PostgreSQL (databases temporal and temporal_visibility), schema set up and updated by
# Temporal's own temporal-sql-tool with the schema files shipped in the module. Frontend, history,
# matching and worker services in one process; gRPC on 127.0.0.1:17233. Config:
# infra/cluster/temporal/production-like.yaml.tmpl (+ dynamicconfig.yaml).
# Usage: bash infra/cluster/temporal.sh build|schema|start|stop|kill|restart|status
#   build   idempotent: go install server + sql tool into .infra/cluster/bin (Go caches in .infra/go)
#   schema  create the databases if missing, setup-schema on empty ones, update-schema to the latest
#   start   build, schema, run the server as a daemon, register the namespace, wait until it answers
#   kill    SIGKILL (fault tests)
set -euo pipefail
LOG_TAG=cluster-temporal
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

NAME=temporal
SERVER_MODULE=go.temporal.io/server
SERVER_VERSION=v1.29.1
SERVER_BIN="$CLUSTER_BIN/temporal-server"
SQL_TOOL="$CLUSTER_BIN/temporal-sql-tool"
GO_DIR="$INFRA_DIR/go"
SCHEMA_DIR="$GO_DIR/pkg/mod/$SERVER_MODULE@$SERVER_VERSION/schema/postgresql/v12"
LOGFILE="$LOG_DIR/temporal.log"
ADDRESS="127.0.0.1:$CLUSTER_TEMPORAL_PORT"
START_TIMEOUT="${TEMPORAL_START_TIMEOUT:-120}"
CLI="$BIN_DIR/temporal"

go_env() {
  env GOPATH="$GO_DIR" GOMODCACHE="$GO_DIR/pkg/mod" GOCACHE="$GO_DIR/cache" GOFLAGS=-modcacherw \
    GOTOOLCHAIN="${GOTOOLCHAIN:-auto}" CGO_ENABLED=0 "$@"
}

built() {
  [ -x "$SERVER_BIN" ] && [ -x "$SQL_TOOL" ] && [ -d "$SCHEMA_DIR/temporal/versioned" ] &&
    [ "$(cat "$CLUSTER_BIN/.temporal-version" 2>/dev/null || true)" = "$SERVER_VERSION" ]
}

build() {
  ensure_infra_dirs
  ensure_cluster_dirs
  built && return 0
  require_cmd go "Go >= 1.21 (apt-get install golang-go); the server's go.mod asks for a newer toolchain, which go fetches from the Go module proxy"
  log "bygger / building $SERVER_MODULE $SERVER_VERSION (cmd/server + cmd/tools/sql) med go install; log $LOG_DIR/temporal-build.log…"
  mkdir -p "$GO_DIR"
  local t0=$SECONDS
  if ! (cd "$GO_DIR" && go_env GOBIN="$CLUSTER_BIN" go install \
    "$SERVER_MODULE/cmd/server@$SERVER_VERSION" "$SERVER_MODULE/cmd/tools/sql@$SERVER_VERSION") >"$LOG_DIR/temporal-build.log" 2>&1; then
    tail -n 20 "$LOG_DIR/temporal-build.log" >&2
    die "go install av / of $SERVER_MODULE@$SERVER_VERSION misslyckades / failed (log: $LOG_DIR/temporal-build.log)"
  fi
  mv -f "$CLUSTER_BIN/server" "$SERVER_BIN"
  mv -f "$CLUSTER_BIN/sql" "$SQL_TOOL"
  echo "$SERVER_VERSION" >"$CLUSTER_BIN/.temporal-version"
  log "byggd / built på $((SECONDS - t0)) s: $SERVER_BIN, $SQL_TOOL"
}

sql_tool() {
  "$SQL_TOOL" --plugin postgres12 --endpoint 127.0.0.1 --port "$CLUSTER_PG_PORT" \
    --user "$CLUSTER_PG_USER" --password "$CLUSTER_PG_PASSWORD" "$@"
}

# schema_version <db>: the version temporal-sql-tool recorded, empty when the schema is not set up.
schema_version() {
  PGPASSWORD="$CLUSTER_PG_PASSWORD" node -e '
    const { Client } = require("pg");
    const c = new Client({ host: "127.0.0.1", port: +process.argv[1], user: process.argv[2], password: process.env.PGPASSWORD, database: process.argv[3] });
    c.connect().then(() => c.query("select curr_version from schema_version")).then((r) => { console.log(r.rows[0]?.curr_version ?? ""); return c.end(); })
      .catch(() => { console.log(""); process.exit(0); });
  ' "$CLUSTER_PG_PORT" "$CLUSTER_PG_USER" "$1"
}

schema() {
  build
  local db dir
  for db in "$CLUSTER_TEMPORAL_DB" "$CLUSTER_TEMPORAL_VISIBILITY_DB"; do
    if [ "$db" = "$CLUSTER_TEMPORAL_DB" ]; then dir="$SCHEMA_DIR/temporal"; else dir="$SCHEMA_DIR/visibility"; fi
    sql_tool --database "$db" create-database >>"$LOG_DIR/temporal-schema.log" 2>&1 || true
    if [ -z "$(schema_version "$db")" ]; then
      log "temporal-sql-tool setup-schema: $db"
      sql_tool --database "$db" setup-schema -v 0.0 >>"$LOG_DIR/temporal-schema.log" 2>&1 ||
        { tail -n 20 "$LOG_DIR/temporal-schema.log" >&2; die "setup-schema $db misslyckades / failed"; }
    fi
    sql_tool --database "$db" update-schema -d "$dir/versioned" >>"$LOG_DIR/temporal-schema.log" 2>&1 ||
      { tail -n 20 "$LOG_DIR/temporal-schema.log" >&2; die "update-schema $db misslyckades / failed"; }
    log "schema $db: version $(schema_version "$db")"
  done
}

cli() {
  "$CLI" "$@" --address "$ADDRESS" --command-timeout 5s --disable-config-file --disable-config-env
}

namespace_ready() { cli operator namespace describe --namespace "$CLUSTER_TEMPORAL_NAMESPACE" >/dev/null 2>&1; }

start() {
  build
  [ -x "$CLI" ] || bash "$INFRA_SCRIPTS/temporal.sh" build
  if is_running "$NAME"; then
    log "körs redan / already running (pid $(daemon_pid "$NAME"))"
  else
    schema
    refuse_if_port_taken 127.0.0.1 "$CLUSTER_TEMPORAL_PORT" "$NAME"
    export CLUSTER_TEMPORAL_DYNAMIC_CONFIG="$CLUSTER_SCRIPTS/temporal/dynamicconfig.yaml"
    # The server renders the template itself (`# enable-template`); it reads <env>.yaml from a folder.
    mkdir -p "$CLUSTER_DIR/temporal-config"
    cp "$CLUSTER_SCRIPTS/temporal/production-like.yaml.tmpl" "$CLUSTER_DIR/temporal-config/production-like.yaml"
    start_daemon "$NAME" "$LOGFILE" "$SERVER_BIN" --root "$CLUSTER_DIR" --config temporal-config \
      --env production-like --allow-no-auth start
  fi
  wait_for_port 127.0.0.1 "$CLUSTER_TEMPORAL_PORT" "$START_TIMEOUT" "Temporal" "$LOGFILE" "$NAME" ||
    die "Temporal startade inte / did not start (log: $LOGFILE)"
  local deadline=$((SECONDS + START_TIMEOUT))
  until namespace_ready; do
    is_running "$NAME" || { tail -n 20 "$LOGFILE" >&2; die "Temporal dog under uppstart / died while starting (log: $LOGFILE)"; }
    # Registering fails until the frontend has joined the ring; repeated until it answers.
    cli operator namespace create --namespace "$CLUSTER_TEMPORAL_NAMESPACE" --retention 720h >/dev/null 2>&1 || true
    ((SECONDS < deadline)) || { tail -n 20 "$LOGFILE" >&2; die "namnrymden / namespace $CLUSTER_TEMPORAL_NAMESPACE svarar inte / does not answer på $ADDRESS inom / within ${START_TIMEOUT}s"; }
    sleep 1
  done
  log "redo / ready: $ADDRESS (namespace $CLUSTER_TEMPORAL_NAMESPACE)"
}

stop() { stop_daemon "$NAME" 30; }

kill9() {
  is_running "$NAME" || { log "$NAME körs inte / not running"; return 0; }
  kill -KILL "$(daemon_pid "$NAME")"
  log "$NAME dödad / killed (SIGKILL)"
}

status() {
  if ! is_running "$NAME"; then echo "temporal: körs inte / not running"; return 3; fi
  if namespace_ready; then echo "temporal: körs / running (pid $(daemon_pid "$NAME")), svarar / answers på $ADDRESS"; return 0; fi
  echo "temporal: processen körs / process running men svarar INTE / but does NOT answer på $ADDRESS (log: $LOGFILE)"
  return 1
}

case "${1:-}" in
build | schema | start | stop | restart | kill) take_lock "cluster-$NAME" ;;
esac
case "${1:-}" in
build) build ;;
schema) schema ;;
start) start ;;
stop) stop ;;
restart) stop && start ;;
kill) kill9 ;;
status) status ;;
*)
  echo "usage: bash infra/cluster/temporal.sh build|schema|start|stop|kill|restart|status" >&2
  exit 2
  ;;
esac
