# shellcheck shell=bash
# What infra/backup.sh and infra/restore.sh share (ADR 0031). Source it after lib.sh.

# backup_usage <text>: the usage line, exit 2.
backup_usage() {
  echo "usage: $1" >&2
  exit 2
}

# backup_targets: sets DB_URL (DATABASE_OWNER_URL, else DATABASE_URL, else the local server, with
# .infra/env read when neither is set), LOCAL_TEMPORAL and TEMPORAL_LOCAL (1 when TEMPORAL_ADDRESS
# is unset or the local dev server).
backup_targets() {
  [ -f "$INFRA_DIR/env" ] && [ -z "${DATABASE_URL:-}${DATABASE_OWNER_URL:-}" ] && { set -a; . "$INFRA_DIR/env"; set +a; }
  DB_URL="${DATABASE_OWNER_URL:-${DATABASE_URL:-postgres://kvalitet:kvalitet@127.0.0.1:${KVALITET_PG_PORT:-54329}/kvalitet}}"
  LOCAL_TEMPORAL="127.0.0.1:${KVALITET_TEMPORAL_PORT:-7233}"
  TEMPORAL_LOCAL=0
  if [ -z "${TEMPORAL_ADDRESS:-}" ] || [ "${TEMPORAL_ADDRESS}" = "$LOCAL_TEMPORAL" ]; then TEMPORAL_LOCAL=1; fi
}

# backup_workdir <name>: sets WORK, a private folder under .infra/tmp for the clear text, removed
# when the script ends however it ends; later files are private too (umask 077).
backup_workdir() {
  mkdir -p "$INFRA_DIR/tmp"
  WORK="$(mktemp -d "$INFRA_DIR/tmp/$1.XXXXXX")"
  chmod 700 "$WORK"
  trap 'rm -rf "$WORK"' EXIT
  umask 077
}
