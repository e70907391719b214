#!/usr/bin/env bash
# `npm run cluster:stop`: stops the production-like topology of infra/cluster/up.sh (processes,
# Temporal server, the three Kafka nodes). Leaves the project's PostgreSQL (the dev infra) running and
# keeps the data (.infra/cluster/, the databases); `--wipe` also removes the Kafka data and drops the
# cluster's databases, so the next start begins empty.
set -euo pipefail
LOG_TAG=cluster
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"
take_lock cluster-up 8
bash "$CLUSTER_SCRIPTS/apps.sh" stop
bash "$CLUSTER_SCRIPTS/temporal.sh" stop
bash "$CLUSTER_SCRIPTS/kafka.sh" stop
if [ "${1:-}" = "--wipe" ]; then
  rm -rf "$CLUSTER_DIR/kafka" "$CLUSTER_ENV_FILE"
  (cd "$REPO_ROOT" && node -e '
    const { Client } = require("pg");
    const c = new Client({ host: "127.0.0.1", port: +process.argv[1], user: process.argv[2], password: process.argv[3], database: "postgres" });
    (async () => { await c.connect();
      for (const db of process.argv.slice(4)) await c.query(`drop database if exists ${c.escapeIdentifier(db)} with (force)`);
      await c.end(); })().catch((e) => { console.error(e.message); process.exit(1); });
  ' "$CLUSTER_PG_PORT" "$CLUSTER_PG_USER" "$CLUSTER_PG_PASSWORD" "$CLUSTER_TEMPORAL_DB" "$CLUSTER_TEMPORAL_VISIBILITY_DB" "$CLUSTER_APP_DB")
  log "Kafka-data och databaserna borttagna / Kafka data and the databases removed"
fi
log "stoppat / stopped"
