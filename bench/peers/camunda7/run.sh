#!/usr/bin/env bash
# Runs Baton's Camunda 7 benchmark peer (building it first when its sources changed) with the
# given flags, e.g. `bash bench/peers/camunda7/run.sh --scenarios a,b,c --instances 2000`.
# It answers one JSON object on stdout; everything else (build, progress, engine logs) is on stderr.
# The JVM replaces this shell (exec), so the caller's child pid is the JVM's.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
INFRA_HOME="${INFRA_HOME:-$ROOT/.infra}"
OUT="$INFRA_HOME/camunda7"

bash "$HERE/build.sh"

# A fixed heap (min = max) so that heap growth does not show up in the measured CPU time;
# CAMUNDA7_JAVA_OPTS replaces it (split on spaces on purpose).
read -r -a JAVA_OPTS <<<"${CAMUNDA7_JAVA_OPTS:--Xms1g -Xmx1g -XX:+UseG1GC}"

# Engine logs at WARN on stderr. Camunda logs every exception that leaves a command, with its
# stack trace, under org.camunda.bpm.engine.context; the caller of the command (a starter or
# worker) gets the same exception and the harness reports it (first one and count), so that
# logger is off to keep races it retries from filling the benchmark's output with stack traces.
exec java "${JAVA_OPTS[@]}" \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -Dorg.slf4j.simpleLogger.log.org.camunda.bpm.engine.context=off \
  -Dorg.slf4j.simpleLogger.logFile=System.err \
  -Dbaton.bpmnDir="$HERE/bpmn" \
  -cp "$OUT/build/classes:$OUT/libs/*" \
  dev.baton.bench.camunda7.Main "$@"
