#!/usr/bin/env bash
# An S3-compatible server for the attachment storage tests (issue 21), from packages this machine
# reaches: MinIO when its binary is cached in .infra/bin/minio (built with `go install`, which does
# not finish in reasonable time on a shared two-core machine), otherwise moto's server from PyPI,
# installed into .infra/venv.
#
# Usage: bash infra/s3.sh ensure          installs what is missing; prints the server's command
#        bash infra/s3.sh start PORT DIR  runs the server on 127.0.0.1:PORT in the foreground
set -euo pipefail
LOG_TAG=s3
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VENV="$INFRA_DIR/venv"
MINIO="$BIN_DIR/minio"
MOTO_VERSION="${KVALITET_MOTO_VERSION:-5.2.6}"

ensure() {
  if [ -x "$MINIO" ]; then echo "minio"; return; fi
  if [ ! -x "$VENV/bin/moto_server" ]; then
    require_cmd python3 "apt-get install python3 python3-venv"
    [ -x "$VENV/bin/pip" ] || python3 -m venv "$VENV" >&2
    log "installerar / installing moto[server]==$MOTO_VERSION i / into $VENV…"
    "$VENV/bin/pip" install -q "moto[server]==$MOTO_VERSION" >&2
  fi
  echo "moto"
}

case "${1:-}" in
  ensure) ensure ;;
  start)
    port="${2:?PORT}"
    dir="${3:?DIR}"
    if [ "$(ensure)" = minio ]; then
      MINIO_ROOT_USER=kvalitet MINIO_ROOT_PASSWORD=kvalitet-s3-test exec "$MINIO" server --quiet --address "127.0.0.1:$port" "$dir"
    fi
    exec "$VENV/bin/moto_server" -H 127.0.0.1 -p "$port"
    ;;
  *) die "användning / usage: bash infra/s3.sh ensure | start PORT DIR" ;;
esac
