#!/usr/bin/env bash
# Backs up the whole system's state into <dir> (ADR 0031, docs/operations/backup-and-restore.md):
#   temporal.db.enc   Temporal's own persistence (the dev server's SQLite file, ADR 0014), taken
#                     online with SQLite's backup API: one consistent snapshot while the server runs
#   postgres.dump.enc the project's database (events, personal data, settings, outbox, inbox, read
#                     models, dead letters …) with pg_dump 18 (-Fc), one consistent snapshot
#   manifest.json     what, when, from which migration, sizes and sha256 of the files (no personal data)
# Temporal is taken FIRST: then no workflow has seen an event the restored store lacks, and what it
# lacks is given to it again by the restore (resume step).
# Both files hold personal data and are encrypted (AES-256-GCM, infra/backup-crypt.mjs) with the
# passphrase from KVALITET_BACKUP_PASSPHRASE_FILE or KVALITET_BACKUP_PASSPHRASE; --no-encryption
# only for a throwaway local copy.
#
# Usage: npm run backup -- <dir> [--no-encryption]     (<dir> must not exist or be empty)
# Env:   DATABASE_OWNER_URL (else DATABASE_URL; else the local server), TEMPORAL_DB_FILE (else the
#        local dev server's .infra/temporal/temporal.db; with an external TEMPORAL_ADDRESS and no
#        TEMPORAL_DB_FILE Temporal is skipped with a warning: back it up with its own tools first).
set -euo pipefail
LOG_TAG=backup
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/backup-lib.sh"

usage() { backup_usage "npm run backup -- <dir> [--no-encryption]"; }
TARGET=""
ENCRYPT=1
for arg in "$@"; do
  case "$arg" in
  --no-encryption) ENCRYPT=0 ;;
  -h | --help) usage ;;
  -*) usage ;;
  *) [ -z "$TARGET" ] && TARGET="$arg" || usage ;;
  esac
done
[ -n "$TARGET" ] || usage

backup_targets
TEMPORAL_DB="${TEMPORAL_DB_FILE:-}"
if [ -z "$TEMPORAL_DB" ] && [ "$TEMPORAL_LOCAL" = 1 ]; then
  TEMPORAL_DB="$INFRA_DIR/temporal/temporal.db"
fi

if [ "$ENCRYPT" = 1 ] && [ -z "${KVALITET_BACKUP_PASSPHRASE_FILE:-}${KVALITET_BACKUP_PASSPHRASE:-}" ]; then
  die "ingen lösenfras / no passphrase: sätt / set KVALITET_BACKUP_PASSPHRASE_FILE (eller / or --no-encryption för en lokal slängkopia / for a throwaway local copy)"
fi
if [ -e "$TARGET" ] && [ -n "$(ls -A "$TARGET" 2>/dev/null)" ]; then
  die "$TARGET finns och är inte tom / exists and is not empty: en säkerhetskopia skrivs aldrig över / a backup is never overwritten"
fi
require_cmd python3 "apt-get install python3 (SQLite:s backup-API för Temporals databas / for Temporal's database)"
PG_BIN="$(bash "$INFRA_SCRIPTS/pg-tools.sh")"

mkdir -p "$TARGET"
chmod 700 "$TARGET"
TARGET="$(cd "$TARGET" && pwd -P)"
# Clear text only on this machine's disk, private, and gone when the script ends however it ends.
backup_workdir backup
t0=$SECONDS
started="$(date -u +%Y-%m-%dT%H:%M:%SZ)"

temporal_taken=""
if [ -n "$TEMPORAL_DB" ]; then
  [ -f "$TEMPORAL_DB" ] || die "Temporals databas finns inte / Temporal's database does not exist: $TEMPORAL_DB"
  log "Temporal: säkerhetskopierar / backing up $TEMPORAL_DB (SQLite online backup)…"
  python3 - "$TEMPORAL_DB" "$WORK/temporal.db" <<'PY'
import sqlite3, sys
source = sqlite3.connect(sys.argv[1], timeout=60)
target = sqlite3.connect(sys.argv[2])
# pages=-1: the whole file in one step, under one read transaction: a consistent snapshot while
# the server goes on writing (WAL: the writer is not blocked).
source.backup(target, pages=-1)
source.close()
check = target.execute("PRAGMA integrity_check").fetchone()[0]
target.close()
if check != "ok":
    sys.exit(f"integrity_check: {check}")
PY
  temporal_taken="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
else
  log "VARNING / WARNING: Temporal extern (TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS:-}) utan TEMPORAL_DB_FILE: säkerhetskopiera dess databas med dess egna verktyg FÖRE detta steg / back its database up with its own tools BEFORE this step"
fi

log "Postgres: pg_dump $("$PG_BIN/pg_dump" --version | awk '{print $3}') av / of $(printf '%s' "$DB_URL" | sed -E 's#//[^@]*@#//#')…"
"$PG_BIN/pg_dump" --format=custom --compress=6 --no-owner --no-privileges \
  --file="$WORK/postgres.dump" --dbname="$DB_URL"
pg_taken="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
# Counted after the dump, so "at least": the dump may hold a few more events.
read -r events last_position migration < <("$PG_BIN/psql" -X -At -F ' ' --dbname="$DB_URL" -c \
  "SELECT (SELECT count(*) FROM events), (SELECT coalesce(max(position), 0) FROM events), (SELECT coalesce((SELECT name FROM schema_migrations ORDER BY timestamp DESC LIMIT 1), '-'))" 2>/dev/null || echo "? ? ?")

files=()
for f in temporal.db postgres.dump; do
  [ -f "$WORK/$f" ] || continue
  if [ "$ENCRYPT" = 1 ]; then
    node "$INFRA_SCRIPTS/backup-crypt.mjs" encrypt "$WORK/$f" "$TARGET/$f.enc"
    files+=("$f.enc")
  else
    cp "$WORK/$f" "$TARGET/$f"
    files+=("$f")
  fi
done

node - "$TARGET" "$ENCRYPT" "$started" "$temporal_taken" "$pg_taken" "$events" "$last_position" "$migration" "${files[@]}" <<'JS'
const { createHash } = require('node:crypto');
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const [dir, encrypt, started, temporalTaken, postgresTaken, events, lastPosition, migration, ...files] = process.argv.slice(2);
const manifest = {
  format: 'kvalitet-backup/1',
  encrypted: encrypt === '1' ? 'aes-256-gcm+scrypt (infra/backup-crypt.mjs)' : false,
  started,
  temporal: temporalTaken ? { takenAt: temporalTaken } : null,
  postgres: { takenAt: postgresTaken, eventsAtLeast: events, lastPositionAtLeast: lastPosition, lastMigration: migration },
  files: Object.fromEntries(
    files.map((f) => [f, { bytes: statSync(`${dir}/${f}`).size, sha256: createHash('sha256').update(readFileSync(`${dir}/${f}`)).digest('hex') }]),
  ),
};
writeFileSync(`${dir}/manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
JS
log "klar / done på $((SECONDS - t0)) s: $TARGET (${files[*]}, manifest.json); $events händelser / events, position $last_position"
