#!/usr/bin/env bash
# Stops the local servers that infra/up.sh (or the single scripts) started, in reverse order:
# Temporal and Kafka, then PostgreSQL. Only through the pid files in .infra/run/; external servers
# (DATABASE_URL, TEMPORAL_ADDRESS, KAFKA_BROKERS) have none and are never touched. Data stays in
# .infra/ (the next up.sh finds it). Idempotent.
# Usage: bash infra/down.sh
set -euo pipefail
LOG_TAG=down
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ensure_infra_dirs
take_lock up 8
t_start=$SECONDS
failed=()
bash "$INFRA_SCRIPTS/temporal.sh" stop || failed+=(temporal)
bash "$INFRA_SCRIPTS/kafka.sh" stop || failed+=(kafka)
bash "$INFRA_SCRIPTS/postgres.sh" stop || failed+=(postgres)
((${#failed[@]} == 0)) || die "kunde inte stoppa / could not stop: ${failed[*]}"
log "allt stoppat / all stopped på $((SECONDS - t_start)) s (data kvar i / data kept in $INFRA_DIR)"
