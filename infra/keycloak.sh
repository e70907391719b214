#!/usr/bin/env bash
# Keycloak (org.keycloak:keycloak-quarkus-dist from Maven Central) as the project's real OIDC
# identity provider for the sign-in session (ADR 0043). One node, H2 file database that is wiped
# when the realm file changes, realm `kvalitet` imported from infra/keycloak/kvalitet-realm.json (demo users,
# password "demo"; roles and units as token claims; the confidential client `kvalitetsledning`).
# Listens on 127.0.0.1:${KVALITET_KEYCLOAK_PORT:-18080}, management (health) on port+1.
# Usage: bash infra/keycloak.sh fetch|start|stop|status|restart
#   fetch  idempotent: the distribution (mvn → .infra/keycloak/dist) and its one-time `kc.sh build`
#   start  fetch, then run it as a daemon and wait until the realm's discovery document answers
set -euo pipefail
LOG_TAG=keycloak
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=keycloak
PORT=${KVALITET_KEYCLOAK_PORT:-18080}
MANAGEMENT_PORT=$((PORT + 1))
KEYCLOAK_HOME="$INFRA_DIR/keycloak"
DIST="$KEYCLOAK_HOME/dist"
POM="$INFRA_SCRIPTS/maven/keycloak-pom.xml"
REALM="$INFRA_SCRIPTS/keycloak/kvalitet-realm.json"
LOGFILE="$LOG_DIR/keycloak.log"
START_TIMEOUT="${KEYCLOAK_START_TIMEOUT:-300}"
BUILD_OPTIONS=(--db=dev-file --health-enabled=true)
# C1 only: Keycloak starts in about a third of the time on a busy 2-core machine (17 s against 50 s
# warm), and a test identity provider never runs long enough for C2 to pay off.
export JAVA_OPTS_APPEND="${KEYCLOAK_JAVA_OPTS:--XX:TieredStopAtLevel=1}"

fetch() {
  ensure_infra_dirs
  require_cmd java "apt-get install openjdk-17-jre-headless (Java 17+ kör Keycloak 26 / runs Keycloak 26)"
  mkdir -p "$KEYCLOAK_HOME"
  local stamp
  stamp="$(cat "$POM" <(printf '%s\n' "${BUILD_OPTIONS[@]}") | sha256sum | cut -d' ' -f1)"
  if [ "$(cat "$DIST/.fetched-from" 2>/dev/null || true)" = "$stamp" ]; then return 0; fi
  log "hämtar / fetching org.keycloak:keycloak-quarkus-dist från Maven Central (mvn, local repo .infra/m2)…"
  local t0=$SECONDS download="$KEYCLOAK_HOME/download.$$"
  rm -rf "$download"
  mkdir -p "$download"
  if ! mvn -q -B -f "$POM" \
    org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DoutputDirectory="$download" -DexcludeTransitive=true \
    -Dmaven.repo.local="$INFRA_DIR/m2" >"$LOG_DIR/mvn-keycloak-pom.log" 2>&1; then
    tail -n 20 "$LOG_DIR/mvn-keycloak-pom.log" >&2
    rm -rf "$download"
    die "mvn kunde inte hämta / could not fetch Keycloak (log: $LOG_DIR/mvn-keycloak-pom.log)"
  fi
  local unpacked="$KEYCLOAK_HOME/dist.tmp.$$"
  rm -rf "$unpacked"
  mkdir -p "$unpacked"
  tar -xzf "$download"/keycloak-quarkus-dist-*.tar.gz -C "$unpacked" --strip-components=1
  rm -rf "$download"
  log "bygger / building Keycloak en gång / once (kc.sh build ${BUILD_OPTIONS[*]})…"
  "$unpacked/bin/kc.sh" build "${BUILD_OPTIONS[@]}" >>"$LOGFILE" 2>&1 ||
    die "kc.sh build misslyckades / failed (log: $LOGFILE)"
  rm -rf "$DIST"
  mv "$unpacked" "$DIST"
  printf '%s\n' "$stamp" >"$DIST/.fetched-from"
  log "Keycloak klar / ready i $DIST på $((SECONDS - t0)) s"
}

discovery_url() { printf 'http://127.0.0.1:%s/realms/kvalitet/.well-known/openid-configuration\n' "$PORT"; }

start() {
  take_lock keycloak
  fetch
  if is_running "$NAME"; then
    log "körs redan / already running (pid $(daemon_pid "$NAME"))"
    return 0
  fi
  refuse_if_port_taken 127.0.0.1 "$PORT" "$NAME"
  # The H2 database is kept while the realm file is unchanged (Keycloak's first start creates its
  # schema, which takes minutes on a busy machine); a changed realm file starts from nothing.
  local realm_stamp
  realm_stamp="$(sha256sum "$REALM" | cut -d' ' -f1)"
  if [ "$(cat "$DIST/data/.realm-stamp" 2>/dev/null || true)" != "$realm_stamp" ]; then
    rm -rf "$DIST/data/h2" "$DIST/data/import"
    mkdir -p "$DIST/data/import"
    cp "$REALM" "$DIST/data/import/"
    printf '%s\n' "$realm_stamp" >"$DIST/data/.realm-stamp"
  fi
  local t0=$SECONDS
  start_daemon "$NAME" "$LOGFILE" "$DIST/bin/kc.sh" start --optimized \
    --http-enabled=true --http-host=127.0.0.1 --http-port="$PORT" \
    --http-management-port="$MANAGEMENT_PORT" --hostname-strict=false \
    --import-realm --log-level=warn
  local deadline=$((SECONDS + START_TIMEOUT))
  until curl -fsS -o /dev/null "$(discovery_url)" 2>/dev/null; do
    if ! is_running "$NAME"; then
      tail -n 30 "$LOGFILE" >&2
      die "Keycloak dog under uppstart / died while starting (log: $LOGFILE)"
    fi
    if ((SECONDS >= deadline)); then
      tail -n 30 "$LOGFILE" >&2
      die "Keycloak svarar inte / does not answer within ${START_TIMEOUT}s (log: $LOGFILE)"
    fi
    sleep 0.5
  done
  log "Keycloak svarar / answers på http://127.0.0.1:$PORT/realms/kvalitet efter / after $((SECONDS - t0)) s"
}

stop() { stop_daemon "$NAME" 30; }

status() {
  if is_running "$NAME"; then
    log "körs / running (pid $(daemon_pid "$NAME")), issuer http://127.0.0.1:$PORT/realms/kvalitet"
  else
    log "körs inte / not running"
    return 1
  fi
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  restart) stop && start ;;
  *)
    echo "användning / usage: $0 fetch|start|stop|status|restart" >&2
    exit 2
    ;;
esac
