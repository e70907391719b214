#!/usr/bin/env bash
# Fuzzes the api from its own OpenAPI document with schemathesis (PyPI): every operation gets
# generated valid and invalid requests, and a 5xx or an answer that does not match the documented
# schema is a failure (architecture.md §5). Starts the api on a free port against a fresh database
# with AUTH_MODE=dev and fuzzes as `kvalitet`. Exits non-zero on any failure.
#
#   bash test/fuzz/schemathesis.sh                 # defaults below
#   MAX_EXAMPLES=100 MAX_TIME=900 bash test/fuzz/schemathesis.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
ROOT=$(pwd)
SCHEMATHESIS_VERSION=4.32.5
VENV="$ROOT/.infra/venv"
MAX_EXAMPLES=${MAX_EXAMPLES:-30}
MAX_TIME=${MAX_TIME:-600}
REPORT_DIR="$ROOT/.infra/fuzz-report"
say() { printf '\033[1m[fuzz]\033[0m %s\n' "$*" >&2; }

# CPython before 3.11.8 / 3.12.2 can fail inside hypothesis with "AST constructor recursion depth
# mismatch" when several workers parse at once (gh-106905): prefer a newer Python, else one worker.
if [ -z "${PYTHON:-}" ]; then
  for candidate in python3.13 python3.12 python3; do
    if "$candidate" -c 'import venv' >/dev/null 2>&1; then PYTHON=$candidate; break; fi
  done
fi
[ -n "${PYTHON:-}" ] || { say "python3 saknas: installera Python 3.9 eller senare"; exit 1; }
if "$PYTHON" -c 'import sys; v = sys.version_info[:3]; sys.exit(0 if v >= (3, 12, 2) or (3, 11, 8) <= v < (3, 12) else 1)'; then
  WORKERS=${WORKERS:-4}
else
  WORKERS=${WORKERS:-1}
fi
if ! "$VENV/bin/schemathesis" --version 2>/dev/null | grep -q "$SCHEMATHESIS_VERSION" || [ "$("$VENV/bin/python" -V 2>&1)" != "$("$PYTHON" -V 2>&1)" ]; then
  say "installerar schemathesis $SCHEMATHESIS_VERSION i .infra/venv ($("$PYTHON" -V))…"
  rm -rf "$VENV"
  "$PYTHON" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi

if [ -z "${DATABASE_URL:-}" ] || [ -z "${TEMPORAL_ADDRESS:-}" ] || [ -z "${KAFKA_BROKERS:-}" ]; then
  [ -f .infra/env ] || bash infra/up.sh
  set -a
  . .infra/env
  set +a
fi
# The tables' owner creates the database and is the api's one role here (issue 24: DATABASE_URL of
# the local default is the runtime role, which may not create databases).
ADMIN_URL=${DATABASE_OWNER_URL:-$DATABASE_URL}
DB_NAME="kvalitet_fuzz_$(date +%s)_$$"
db() { node -e "const {Client}=require('pg');const c=new Client(process.argv[1]);c.connect().then(()=>c.query(process.argv[2])).then(()=>c.end(),e=>{console.error(e.message);process.exit(1)})" "$ADMIN_URL" "$1"; }
PORT=$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
API_PID=""
cleanup() {
  if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
    kill -TERM "$API_PID" 2>/dev/null || true
    wait "$API_PID" 2>/dev/null || true
  fi
  db "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" || true
}
trap cleanup EXIT

say "ny databas $DB_NAME, api på port $PORT"
db "CREATE DATABASE $DB_NAME"
mkdir -p .infra/logs "$REPORT_DIR"
env -u DATABASE_OWNER_URL DATABASE_URL="${ADMIN_URL%/*}/$DB_NAME" PORT=$PORT HOST=127.0.0.1 AUTH_MODE=dev NODE_ENV=test LOG_LEVEL=warn MIGRATE_ON_START=true \
  PUBLIC_FEEDBACK_RATE_LIMIT=100000 \
  node -r @swc-node/register apps/api/src/main.ts >.infra/logs/fuzz-api.log 2>&1 &
API_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fsS "$BASE/health/live" >/dev/null 2>&1 && break
  kill -0 "$API_PID" 2>/dev/null || { say "api startade inte:"; tail -30 .infra/logs/fuzz-api.log >&2; exit 1; }
  sleep 0.5
done
TOKEN=$(curl -fsS -X POST "$BASE/api/v1/auth/dev-token" -H 'content-type: application/json' -d '{"username":"kvalitet"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')

# A few real cases, so that generated ids are not the only ones the api has seen.
for type in deviation complaint lex_sarah; do
  curl -fsS -o /dev/null -X POST "$BASE/api/v1/cases" -H "authorization: Bearer $TOKEN" -H 'content-type: application/json' \
    -d "{\"type\":\"$type\",\"unitId\":\"solgarden\",\"occurredAt\":\"2026-01-15\",\"description\":\"fuzz-frö\"}"
done

say "schemathesis run $BASE/api/v1/openapi.json (högst $MAX_EXAMPLES exempel per operation, högst $MAX_TIME s, $WORKERS arbetare)"
status=0
"$VENV/bin/schemathesis" run "$BASE/api/v1/openapi.json" \
  --checks not_a_server_error,response_schema_conformance \
  --header "Authorization: Bearer $TOKEN" \
  --max-examples "$MAX_EXAMPLES" \
  --max-time "$MAX_TIME" \
  --request-timeout 20 \
  --workers "$WORKERS" \
  --seed "${SEED:-20261125}" \
  --report junit --report-dir "$REPORT_DIR" \
  --warnings off || status=$?

if grep -q '"level":"\(error\|fatal\)"' .infra/logs/fuzz-api.log; then
  say "api loggade fel under körningen (se .infra/logs/fuzz-api.log):"
  grep '"level":"\(error\|fatal\)"' .infra/logs/fuzz-api.log | head -5 >&2
  status=${status:-1}
  [ "$status" -eq 0 ] && status=1
fi
if [ "$status" -eq 0 ]; then say "inga fel: inga 5xx, inga svar utanför schemat"; else say "schemathesis hittade fel (kod $status); rapport i $REPORT_DIR"; fi
exit "$status"
