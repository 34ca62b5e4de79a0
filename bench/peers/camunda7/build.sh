#!/usr/bin/env bash
# Builds Baton's Camunda 7 benchmark peer: compiles the harness into .infra/camunda7/build/classes
# and copies its runtime jars (Camunda 7, H2, the PostgreSQL driver, slf4j-simple) into
# .infra/camunda7/libs, all fetched from Maven Central into .infra/m2 as infra/lib/kafka.sh does.
# Nothing is written into the source tree. The build is skipped when the stamp file holds the
# fingerprint of the sources, so run.sh can call this script before every run.
# Everything this script prints goes to stderr: the harness keeps stdout for its JSON answer.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
INFRA_HOME="${INFRA_HOME:-$ROOT/.infra}"
OUT="$INFRA_HOME/camunda7"
STAMP="$OUT/.build-stamp"
LOG="$OUT/build.log"

log() { printf 'camunda7 build: %s\n' "$*" >&2; }
die() { printf 'camunda7 build: ERROR: %s\n' "$*" >&2; exit 1; }

command -v java >/dev/null 2>&1 || die "'java' (17+) is required to build and run the Camunda 7 harness"
command -v mvn >/dev/null 2>&1 || die "'mvn' is required: it fetches Camunda 7 from Maven Central and compiles the harness"

# sha256 of everything the build reads (this script included, since it decides the layout),
# file names included so that a rename also rebuilds.
fingerprint() {
  (
    cd "$HERE"
    find pom.xml build.sh src bpmn -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
  ) | sha256sum | cut -d' ' -f1
}

mkdir -p "$OUT"
# Two runs started together (say, two benchmarks) must not build over each other.
exec 9>"$OUT/.build.lock"
flock 9

wanted="$(fingerprint)"
if [[ -f "$STAMP" && "$(cat "$STAMP")" == "$wanted" && -d "$OUT/build/classes" && -d "$OUT/libs" ]]; then
  exit 0
fi

started=$SECONDS
log "compiling into $OUT (the first build downloads Camunda 7 from Maven Central into $INFRA_HOME/m2)"
rm -f "$STAMP"
# A clean output each time: no class or jar of an earlier version can linger on the classpath.
rm -rf "$OUT/build" "$OUT/libs"
if ! mvn -B -Dstyle.color=never -f "$HERE/pom.xml" \
  -Dmaven.repo.local="$INFRA_HOME/m2" \
  -Dbaton.build.dir="$OUT/build" \
  -DincludeScope=runtime -DoutputDirectory="$OUT/libs" \
  compile dependency:copy-dependencies >"$LOG" 2>&1; then
  tail -n 40 "$LOG" >&2
  die "mvn failed (full log in $LOG; is Maven Central reachable?)"
fi
[[ -f "$OUT/build/classes/dev/baton/bench/camunda7/Main.class" ]] || die "Main.class missing after the build (see $LOG)"
compgen -G "$OUT/libs/camunda-engine-*.jar" >/dev/null || die "camunda-engine jar missing from $OUT/libs (see $LOG)"
printf '%s\n' "$wanted" >"$STAMP"
log "built in $((SECONDS - started))s"
