#!/usr/bin/env bash
# Restores a backup written by infra/backup.sh (ADR 0031, docs/operations/backup-and-restore.md):
#   1. checks the manifest's sha256 sums and decrypts the files (wrong passphrase: nothing is touched)
#   2. Postgres: pg_restore 18 into an EMPTY database (created when missing; an existing database
#      with tables is refused unless --replace, which drops it first)
#   3. Temporal (local dev server): stops it, puts the backed-up SQLite file in place, starts it;
#      running workflows, their timers (deadlines) and schedules go on from the backup's state
#   4. apps/projector/src/restore-cli.ts: migrations and grants, every read model rebuilt from the
#      events, every open case's workflow given its events again (safe: the workflow dedupes)
# The api, worker and projector must be stopped while it runs; start them afterwards.
#
# Usage: npm run restore -- <dir> [--replace] [--skip-temporal]
# Env:   as infra/backup.sh (DATABASE_OWNER_URL/DATABASE_URL, TEMPORAL_ADDRESS, KVALITET_INFRA_DIR,
#        KVALITET_TEMPORAL_PORT), the passphrase, TEMPORAL_TASK_QUEUE and the Temporal payload keys.
set -euo pipefail
LOG_TAG=restore
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
. "$(dirname "${BASH_SOURCE[0]}")/backup-lib.sh"

usage() { backup_usage "npm run restore -- <dir> [--replace] [--skip-temporal]"; }
SOURCE=""
REPLACE=0
SKIP_TEMPORAL=0
for arg in "$@"; do
  case "$arg" in
  --replace) REPLACE=1 ;;
  --skip-temporal) SKIP_TEMPORAL=1 ;;
  -*) usage ;;
  *) [ -z "$SOURCE" ] && SOURCE="$arg" || usage ;;
  esac
done
[ -n "$SOURCE" ] || usage
[ -f "$SOURCE/manifest.json" ] || die "$SOURCE/manifest.json saknas / is missing: inte en säkerhetskopia / not a backup"

backup_targets
TEMPORAL_DB="$INFRA_DIR/temporal/temporal.db"

PG_BIN="$(bash "$INFRA_SCRIPTS/pg-tools.sh")"
backup_workdir restore
t0=$SECONDS

# 1. Verify and decrypt, before anything is changed.
mapfile -t entries < <(node -e '
  const m = JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8"));
  if (m.format !== "kvalitet-backup/1") { console.error(`okänt format / unknown format: ${m.format}`); process.exit(1); }
  for (const [name, f] of Object.entries(m.files)) console.log(`${name} ${f.sha256}`);
' "$SOURCE/manifest.json")
((${#entries[@]} > 0)) || die "manifestet listar inga filer / the manifest lists no files"
for entry in "${entries[@]}"; do
  read -r name sum <<<"$entry"
  [ -f "$SOURCE/$name" ] || die "$SOURCE/$name saknas / is missing"
  [ "$(sha256sum "$SOURCE/$name" | cut -d' ' -f1)" = "$sum" ] || die "$SOURCE/$name: fel kontrollsumma / wrong sha256 (skadad / damaged)"
  plain="${name%.enc}"
  if [ "$plain" != "$name" ]; then
    node "$INFRA_SCRIPTS/backup-crypt.mjs" decrypt "$SOURCE/$name" "$WORK/$plain"
  else
    cp "$SOURCE/$name" "$WORK/$plain"
  fi
done
[ -f "$WORK/postgres.dump" ] || die "säkerhetskopian saknar / the backup has no postgres.dump"
log "kontrollerad och dekrypterad / verified and decrypted: $(ls "$WORK" | tr '\n' ' ')"

(cd "$REPO_ROOT" && node -r @swc-node/register apps/projector/src/restore-cli.ts --check) ||
  die "avbruten innan något ändrats / stopped before anything was changed"

# 2. Postgres into an empty database.
db_name="$(node -e 'console.log(decodeURIComponent(new URL(process.argv[1]).pathname.slice(1)))' "$DB_URL")"
admin_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/postgres"; console.log(u.toString())' "$DB_URL")"
psql_admin() { "$PG_BIN/psql" -X -v ON_ERROR_STOP=1 -At --dbname="$admin_url" "$@"; }
quoted="\"${db_name//\"/\"\"}\""
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '${db_name//\'/\'\'}'")" = "1" ]; then
  tables="$("$PG_BIN/psql" -X -At --dbname="$DB_URL" -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")"
  if [ "$tables" != "0" ]; then
    [ "$REPLACE" = 1 ] || die "databasen / database $db_name har / has $tables tabeller / tables: återställ till en tom databas, eller / restore into an empty database, or --replace (tar bort den / drops it)"
    log "Postgres: tar bort / dropping $db_name (--replace)…"
    psql_admin -c "DROP DATABASE $quoted WITH (FORCE)" >/dev/null
    psql_admin -c "CREATE DATABASE $quoted" >/dev/null
  fi
else
  log "Postgres: skapar / creating $db_name…"
  psql_admin -c "CREATE DATABASE $quoted" >/dev/null
fi
log "Postgres: pg_restore till / into $db_name…"
"$PG_BIN/pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction \
  --dbname="$DB_URL" "$WORK/postgres.dump"

# 3. Temporal's own persistence.
if [ "$SKIP_TEMPORAL" = 1 ]; then
  log "Temporal: hoppas över / skipped (--skip-temporal)"
elif [ ! -f "$WORK/temporal.db" ]; then
  log "VARNING / WARNING: säkerhetskopian saknar Temporal / the backup has no Temporal database: återställ den med dess egna verktyg / restore it with its own tools"
elif [ "$TEMPORAL_LOCAL" = 1 ]; then
  if [ -f "$TEMPORAL_DB" ] && [ "$REPLACE" != 1 ]; then
    die "$TEMPORAL_DB finns / exists: --replace ersätter den / replaces it"
  fi
  bash "$INFRA_SCRIPTS/temporal.sh" stop
  mkdir -p "$(dirname "$TEMPORAL_DB")"
  rm -f "$TEMPORAL_DB" "$TEMPORAL_DB-wal" "$TEMPORAL_DB-shm"
  cp "$WORK/temporal.db" "$TEMPORAL_DB"
  log "Temporal: databasen på plats / database in place, startar / starting…"
  bash "$INFRA_SCRIPTS/temporal.sh" start
else
  log "Temporal är extern / is external (${TEMPORAL_ADDRESS}): dess databas ska redan vara återställd med dess egna verktyg / its database must already be restored with its own tools; arbetsflödena återupptas där / the workflows are resumed there"
fi

# 4. Migrations, read models, workflows.
export DATABASE_URL="${DATABASE_URL:-$DB_URL}" DATABASE_OWNER_URL="$DB_URL"
[ "$TEMPORAL_LOCAL" = 1 ] && export TEMPORAL_ADDRESS="$LOCAL_TEMPORAL"
extra=()
[ "$SKIP_TEMPORAL" = 1 ] && extra+=(--skip-workflows)
(cd "$REPO_ROOT" && node -r @swc-node/register apps/projector/src/restore-cli.ts "${extra[@]}")
log "klar / done på $((SECONDS - t0)) s från / from $SOURCE; starta api, worker och projector / start the api, worker and projector"
