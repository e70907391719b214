#!/usr/bin/env bash
# Fault tests on the production-like topology (issue 20, ADR 0045): starts the cluster
# (infra/cluster/up.sh), runs infra/cluster/fault-tests.ts under a steady stream of reports (a Kafka
# broker killed, the Temporal server restarted, Temporal stopped for --outage-seconds, a worker and a
# projector killed) and stops the cluster again, also on failure. Exit code 0 when every accepted
# report became a case with its workflow and tasks exactly once and nothing was dead-lettered.
# Usage: bash infra/cluster/fault-tests.sh [--outage-seconds 180] [--every-ms 1000] [--keep]
#   --keep   leave the cluster running afterwards (to look at it; stop with npm run cluster:stop)
# Needs what infra/up.sh needs (Go, Java, Maven, node_modules); the dev infra's PostgreSQL is used.
set -euo pipefail
LOG_TAG=fault-tests
. "$(dirname "${BASH_SOURCE[0]}")/cluster-lib.sh"

keep=0
args=()
for a in "$@"; do
  if [ "$a" = "--keep" ]; then keep=1; else args+=("$a"); fi
done
t0=$SECONDS
stop_cluster() {
  if [ "$keep" = 0 ]; then bash "$CLUSTER_SCRIPTS/down.sh" || true; fi
}
trap stop_cluster EXIT
# A clean start: the checks count the whole cluster database (dead letters, workflow runs).
bash "$CLUSTER_SCRIPTS/down.sh" --wipe
bash "$CLUSTER_SCRIPTS/up.sh"
log "klustret startat på / cluster started in $((SECONDS - t0)) s"
set -a
. "$CLUSTER_ENV_FILE"
set +a
cd "$REPO_ROOT"
rc=0
node -r @swc-node/register "$CLUSTER_SCRIPTS/fault-tests.ts" "${args[@]}" || rc=$?
log "totalt / total $((SECONDS - t0)) s (logs: $LOG_DIR)"
exit $rc
