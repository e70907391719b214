#!/usr/bin/env bash
# `npm test`: lint, typecheck and unit tests, then the real servers (infra/up.sh), then the
# integration and end-to-end suites against them. Servers this script started are stopped again
# at the end unless KEEP_INFRA=1; servers that were already running are left alone.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
step() { printf '\n\033[1m== %s\033[0m\n' "$*" >&2; }
started=$SECONDS
# The same Node 24 as .ci/run and npm start when `npm test` is run on an older machine Node (ADR 0048).
node24_bin="$(bash infra/node.sh --if-older)"
[ -z "$node24_bin" ] || export PATH="$node24_bin:$PATH"

if [ ! -x node_modules/.bin/jest ]; then
  step "npm ci (beroenden saknas)"
  npm ci --no-audit --no-fund
fi

# Go builds that take minutes on a fresh machine start now, beside the static checks (cached under .infra/).
mkdir -p .infra/logs
bash infra/deploy-check.sh build >.infra/logs/deploy-check-background.log 2>&1 &
deploy_build=$!
bash infra/cluster/temporal.sh build >.infra/logs/cluster-temporal-background.log 2>&1 &
# Keycloak, the identity provider of the sign-in browser walk: fetched, built and started now (a few
# minutes on a fresh machine), stopped at the end; the walk waits for it.
keycloak_was_up=0
bash infra/keycloak.sh status >/dev/null 2>&1 && keycloak_was_up=1
bash infra/keycloak.sh start >.infra/logs/keycloak-background.log 2>&1 &
keycloak_start=$!
stop_keycloak() { [ "$keycloak_was_up" = 1 ] || bash infra/keycloak.sh stop >/dev/null 2>&1 || true; }
trap stop_keycloak EXIT

step "formatering (Prettier, printWidth 110)"
npx prettier --check . --log-level warn
step "lint (ESLint, modulgränser)"
NX_DAEMON=false npx nx show projects >/dev/null  # the module-boundary rule needs the project graph
npx eslint . --max-warnings=0
step "typecheck (tsc --noEmit)"
npx tsc -p tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.json --noEmit
npx tsc -p apps/web/tsconfig.node.json --noEmit
step "webbens API-typer mot OpenAPI-dokumentet (npm run gen:api-types om de är inaktuella)"
npm run -s check:api-types
step "enhetstester"
npx jest --selectProjects unit --ci
step "driftsättningsfiler (docker-compose, Helm lint/template, kubeconform)"
wait "$deploy_build" || true  # a failed background build is built again, with its errors, by the check
bash infra/deploy-check.sh

already_up=0
if bash infra/postgres.sh status >/dev/null 2>&1 && bash infra/temporal.sh status >/dev/null 2>&1 && bash infra/kafka.sh status >/dev/null 2>&1; then
  already_up=1
fi
step "infrastruktur (Postgres, Temporal, Kafka)"
bash infra/up.sh
if [ "$already_up" = 0 ] && [ "${KEEP_INFRA:-0}" != 1 ]; then
  trap 'stop_keycloak; bash infra/down.sh >/dev/null 2>&1 || true' EXIT
fi
set -a
. .infra/env
set +a

step "workflow-bundlet, byggt en gång för alla arbetare som testerna startar"
export WORKFLOW_BUNDLE_PATH="$PWD/.infra/cache/workflow-bundle.js"
npm run -s build:workflows -- "$WORKFLOW_BUNDLE_PATH" 2>&1 | grep '^\[workflows\]'

step "integrationstester mot riktiga servrar"
npx jest --selectProjects integration --ci --runInBand
step "end-to-end-tester"
npx jest --selectProjects e2e --ci --runInBand

step "webbläsartester (Chromium, axe-core) mot hela systemet"
npx vite build --config apps/web/vite.config.mts --logLevel warn
wait "$keycloak_start" || { echo "Keycloak startade inte / did not start:" >&2; tail -20 .infra/logs/keycloak-background.log >&2; }
npx jest --selectProjects browser --ci --runInBand

stop_keycloak

# The fault tests on the production-like topology (ADR 0045) spend most of their ~8 minutes waiting
# out a three-minute Temporal outage, on their own ports and servers; they run beside the fuzzing.
step "feltester på den produktionslika topologin (infra/cluster, i bakgrunden) och fuzz av OpenAPI-dokumentet (schemathesis)"
bash infra/cluster/fault-tests.sh --outage-seconds "${FAULT_TEST_OUTAGE_SECONDS:-180}" >.infra/logs/fault-tests.log 2>&1 &
fault_tests=$!
fuzz_status=0
MAX_TIME="${FUZZ_MAX_TIME:-300}" bash test/fuzz/schemathesis.sh || fuzz_status=$?
fault_status=0
wait "$fault_tests" || fault_status=$?
step "feltester: resultat (logg .infra/logs/fault-tests.log)"
grep -v '^\s*$' .infra/logs/fault-tests.log | tail -40 >&2
[ "$fuzz_status" = 0 ] || { echo "fuzz misslyckades / failed ($fuzz_status)" >&2; exit "$fuzz_status"; }
[ "$fault_status" = 0 ] || { echo "feltesterna misslyckades / the fault tests failed ($fault_status)" >&2; exit "$fault_status"; }

step "alla tester gröna på $((SECONDS - started)) s"
