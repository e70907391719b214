# shellcheck shell=bash
# Shared ground of the infra/cluster/ scripts (the production-like topology, issue 20). Source it.
# Everything of the cluster lives under .infra/cluster/ (pid files, logs, Kafka data, the built
# Temporal server), on ports distinct from the dev infra, so both run side by side. The ports can
# be moved with the CLUSTER_* variables below; the addresses are written to .infra/cluster/env.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

CLUSTER_SCRIPTS="$INFRA_SCRIPTS/cluster"
CLUSTER_DIR="$INFRA_DIR/cluster"
RUN_DIR="$CLUSTER_DIR/run"
LOG_DIR="$CLUSTER_DIR/logs"
CLUSTER_BIN="$CLUSTER_DIR/bin"
CLUSTER_ENV_FILE="$CLUSTER_DIR/env"
export RUN_DIR LOG_DIR CLUSTER_DIR CLUSTER_BIN CLUSTER_ENV_FILE CLUSTER_SCRIPTS

# The project's PostgreSQL (infra/postgres.sh): the cluster has its own databases on it.
export CLUSTER_PG_PORT="${CLUSTER_PG_PORT:-${KVALITET_PG_PORT:-54329}}"
export CLUSTER_PG_USER="${CLUSTER_PG_USER:-kvalitet}" CLUSTER_PG_PASSWORD="${CLUSTER_PG_PASSWORD:-kvalitet}"
export CLUSTER_TEMPORAL_DB="${CLUSTER_TEMPORAL_DB:-temporal}"
export CLUSTER_TEMPORAL_VISIBILITY_DB="${CLUSTER_TEMPORAL_VISIBILITY_DB:-temporal_visibility}"
export CLUSTER_APP_DB="${CLUSTER_APP_DB:-kvalitet_cluster}"

export CLUSTER_TEMPORAL_PORT="${CLUSTER_TEMPORAL_PORT:-17233}"
export CLUSTER_TEMPORAL_METRICS_PORT="${CLUSTER_TEMPORAL_METRICS_PORT:-17290}"
CLUSTER_TEMPORAL_NAMESPACE=default

# Three KRaft nodes, each broker and controller: broker ports 19092..19094, controllers 19192..19194.
CLUSTER_KAFKA_BROKERS=(1 2 3)
kafka_port() { echo $((${CLUSTER_KAFKA_BASE_PORT:-19091} + $1)); }
kafka_controller_port() { echo $((${CLUSTER_KAFKA_BASE_PORT:-19091} + 100 + $1)); }
kafka_bootstrap() {
  local n list=()
  for n in "${CLUSTER_KAFKA_BROKERS[@]}"; do list+=("127.0.0.1:$(kafka_port "$n")"); done
  (IFS=,; echo "${list[*]}")
}

# The apps: api on 13000 (API_WORKERS=2), worker-1/2 health on 13011/13012, projector-1/2 on 13021/13022.
export CLUSTER_API_PORT="${CLUSTER_API_PORT:-13000}"
worker_health_port() { echo $((${CLUSTER_API_PORT} + 10 + $1)); }
projector_health_port() { echo $((${CLUSTER_API_PORT} + 20 + $1)); }

ensure_cluster_dirs() {
  mkdir -p "$CLUSTER_DIR" "$RUN_DIR" "$LOG_DIR" "$CLUSTER_BIN"
  chmod o+x "$INFRA_DIR" "$CLUSTER_DIR" 2>/dev/null || true
}

# http_ok <url>: true when the url answers 2xx.
http_ok() { curl -fsS -m 5 -o /dev/null "$1" 2>/dev/null; }
