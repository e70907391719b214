#!/usr/bin/env bash
# The deployment files, checked without a Docker engine or a cluster (issue 20, ADR 0047):
#   docker-compose.yml   loaded as `docker compose config` does (compose-go: the Compose
#                        Specification's schema, interpolation, services in depends_on exist …)
#   deploy/helm/…        helm lint, then helm template with the defaults and each file in
#                        deploy/helm/test-values/, every rendered manifest validated by kubeconform
#                        (-strict: unknown fields are errors too) against JSON schemas made from the
#                        Kubernetes OpenAPI document of the Go module k8s.io/kubernetes, then
#                        our own properties (infra/deploy-check/chart-properties.mjs).
# Everything comes from the Go module proxy and is cached under .infra/ (bin/, go/, k8s-schemas/).
#
# Usage: bash infra/deploy-check.sh [build|check]
#   build  idempotent: go install helm and kubeconform, build compose-config, make the schemas
#          (cold: a few minutes; may run in the background while other steps run)
#   check  (default) build, then check; exit 1 on the first file that does not pass
set -euo pipefail
LOG_TAG=deploy-check
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

HELM_VERSION=v3.21.4
KUBECONFORM_VERSION=v0.8.0
# The schemas' Kubernetes release; the oldest supported cluster should not be older (Chart.yaml kubeVersion).
KUBERNETES_VERSION=v1.36.3
GO_DIR="$INFRA_DIR/go"
SCHEMA_DIR="$INFRA_DIR/k8s-schemas/$KUBERNETES_VERSION"
WORK_DIR="$INFRA_DIR/tmp/deploy-check"
CHART="$REPO_ROOT/deploy/helm/kvalitetsledning"
BUILD_LOG="$LOG_DIR/deploy-check-build.log"

go_env() {
  env GOPATH="$GO_DIR" GOMODCACHE="$GO_DIR/pkg/mod" GOCACHE="$GO_DIR/cache" GOFLAGS=-modcacherw \
    CGO_ENABLED=0 GOBIN="$BIN_DIR" "$@"
}

# go_install <binary> <package> <version>: once per version (a `go install` build does not know its
# own release version, so a stamp file beside the binary says which one it is).
go_install() {
  local binary="$BIN_DIR/$1" stamp="$BIN_DIR/$1.version"
  if [ -x "$binary" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$2@$3" ]; then return 0; fi
  log "go install $2@$3 …"
  (cd "$GO_DIR" && go_env go install "$2@$3") >>"$BUILD_LOG" 2>&1 ||
    die "go install $2@$3 misslyckades / failed (log: $BUILD_LOG; kräver Go-modulproxyn / needs the Go module proxy)"
  printf '%s\n' "$2@$3" >"$stamp"
}

build() {
  ensure_infra_dirs
  require_cmd go "Go >= 1.24 på / on PATH (Debian: apt-get install golang-go, or any Go from go.dev)"
  mkdir -p "$GO_DIR"
  # A `build` started early in the background and the `check` after it: the second waits here.
  exec 9>"$RUN_DIR/deploy-check-build.lock"
  flock 9
  : >"$BUILD_LOG"
  local t0=$SECONDS
  go_install helm helm.sh/helm/v3/cmd/helm "$HELM_VERSION" &
  local helm_pid=$!
  go_install kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
  local source="$REPO_ROOT/infra/deploy-check/compose-config"
  local digest
  digest="$(cat "$source/go.mod" "$source/go.sum" "$source/main.go" | sha256sum | cut -c1-16)"
  if [ "$(cat "$BIN_DIR/compose-config.version" 2>/dev/null)" != "$digest" ]; then
    log "go build compose-config (compose-go) …"
    (cd "$source" && go_env go build -o "$BIN_DIR/compose-config" .) >>"$BUILD_LOG" 2>&1 ||
      die "compose-config byggdes inte / did not build (log: $BUILD_LOG)"
    printf '%s\n' "$digest" >"$BIN_DIR/compose-config.version"
  fi
  if [ ! -f "$SCHEMA_DIR/.complete" ]; then
    log "Kubernetes $KUBERNETES_VERSION OpenAPI → JSON-scheman / schemas …"
    local module
    module="$(cd "$GO_DIR" && go_env go mod download -json "k8s.io/kubernetes@$KUBERNETES_VERSION" |
      node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).Dir))')" ||
      die "go mod download k8s.io/kubernetes@$KUBERNETES_VERSION misslyckades / failed"
    rm -rf "$SCHEMA_DIR"
    node "$REPO_ROOT/infra/deploy-check/openapi-to-json-schemas.mjs" \
      "$module/api/openapi-spec/swagger.json" "$SCHEMA_DIR"
    touch "$SCHEMA_DIR/.complete"
  fi
  wait "$helm_pid" || die "helm byggdes inte / did not build (log: $BUILD_LOG)"
  flock -u 9
  log "verktygen klara / tools ready på $((SECONDS - t0)) s"
}

# validate <name> <manifests file>: every document must have a schema and pass it.
validate() {
  local summary
  summary="$("$BIN_DIR/kubeconform" -strict -summary -output text \
    -kubernetes-version "${KUBERNETES_VERSION#v}" \
    -schema-location "$SCHEMA_DIR/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$2")" || {
    printf '%s\n' "$summary" >&2
    die "$1: manifesten klarar inte Kubernetes-schemat / the manifests do not pass the Kubernetes schema"
  }
  # Every document counted and valid: none skipped, none without a schema, not an empty render.
  local documents
  documents="$(grep -c '^kind: ' "$2" || true)"
  case "$summary" in
    *"$documents resources found"*"Valid: $documents, Invalid: 0, Errors: 0, Skipped: 0"*) log "$1: $summary" ;;
    *) die "$1: $summary (väntade / expected $documents)" ;;
  esac
}

check() {
  build
  local t0=$SECONDS
  rm -rf "$WORK_DIR"
  mkdir -p "$WORK_DIR"

  log "docker-compose.yml (compose-go, som / as docker compose config)"
  (cd "$REPO_ROOT" && "$BIN_DIR/compose-config" docker-compose.yml >"$WORK_DIR/compose.yaml") ||
    die "docker-compose.yml klarar inte / does not pass the Compose Specification"

  # The chart refuses to render without payload keys (no default key could be safe); the check
  # gives it a throwaway one and makes sure the refusal itself still works.
  local key_value
  key_value="check:$(head -c 32 /dev/zero | base64)"
  if "$BIN_DIR/helm" template kvalitetsledning "$CHART" --kube-version "${KUBERNETES_VERSION#v}" \
    >/dev/null 2>"$WORK_DIR/no-keys.err" || ! grep -q 'TEMPORAL_PAYLOAD_KEYS saknas' "$WORK_DIR/no-keys.err"; then
    die "helm template utan / without TEMPORAL_PAYLOAD_KEYS borde vägra / should refuse"
  fi

  # The validator must still refuse: a misspelt field in a Deployment (a schema made wrong, e.g.
  # without additionalProperties, would let every manifest pass).
  cat >"$WORK_DIR/canary.yaml" <<'YAML'
apiVersion: apps/v1
kind: Deployment
metadata: { name: canary }
spec:
  selector: { matchLabels: { app: canary } }
  template:
    metadata: { labels: { app: canary } }
    spec:
      containers: [{ name: canary, image: canary, imagePullPolicyy: Always }]
YAML
  local canary
  canary="$("$BIN_DIR/kubeconform" -strict -kubernetes-version "${KUBERNETES_VERSION#v}" \
    -schema-location "$SCHEMA_DIR/{{ .ResourceKind }}{{ .KindSuffix }}.json" "$WORK_DIR/canary.yaml" 2>&1 || true)"
  if [[ "$canary" != *"additional properties 'imagePullPolicyy' not allowed"* ]]; then
    die "kubeconform godtog ett felstavat fält / accepted a misspelt field: the schemas in $SCHEMA_DIR are wrong"
  fi

  local variants=(defaults) file
  for file in "$REPO_ROOT"/deploy/helm/test-values/*.yaml; do variants+=("$(basename "$file" .yaml)"); done
  local variant args
  for variant in "${variants[@]}"; do
    args=(--set-string "secrets.values.TEMPORAL_PAYLOAD_KEYS=$key_value")
    [ "$variant" = defaults ] || args+=(--values "$REPO_ROOT/deploy/helm/test-values/$variant.yaml")
    "$BIN_DIR/helm" lint --strict --kube-version "${KUBERNETES_VERSION#v}" "$CHART" "${args[@]}" --quiet >"$WORK_DIR/$variant.lint" 2>&1 || {
      cat "$WORK_DIR/$variant.lint" >&2
      die "helm lint ($variant) misslyckades / failed"
    }
    "$BIN_DIR/helm" template kvalitetsledning "$CHART" --namespace kvalitet "${args[@]}" \
      --kube-version "${KUBERNETES_VERSION#v}" \
      >"$WORK_DIR/$variant.yaml" || die "helm template ($variant) misslyckades / failed"
    validate "helm template ($variant)" "$WORK_DIR/$variant.yaml"
    node "$REPO_ROOT/infra/deploy-check/chart-properties.mjs" "$WORK_DIR/$variant.yaml" "$variant" ||
      die "helm template ($variant): diagrammets egenskaper / the chart's properties (above)"
  done
  log "klart / done på $((SECONDS - t0)) s (${#variants[@]} varianter / variants; manifests in $WORK_DIR)"
}

case "${1:-check}" in
  build) build ;;
  check) check ;;
  *) die "usage: $0 [build|check]" ;;
esac
