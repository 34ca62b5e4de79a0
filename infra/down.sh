#!/usr/bin/env bash
# Stops Baton's local Kafka, FerretDB and PostgreSQL (SIGTERM, then SIGKILL after INFRA_STOP_TIMEOUT s;
# PostgreSQL gets a fast shutdown, see postgres_stop). With --clean also deletes their data (topics,
# offsets, documents, the PostgreSQL cluster); installs stay cached.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$INFRA_DIR/lib/kafka.sh"
source "$INFRA_DIR/lib/ferretdb.sh"
source "$INFRA_DIR/lib/postgres.sh"

clean=false
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    *) die "unknown option '$arg' (usage: infra/down.sh [--clean])" ;;
  esac
done

postgres_stop
stop_service ferretdb "$FERRETDB_MARKER"
stop_service kafka "$KAFKA_MARKER"

if $clean; then
  log "deleting data: $KAFKA_DATA $KAFKA_HOME/cluster-id $FERRETDB_DATA $POSTGRES_DATA"
  rm -rf "$KAFKA_DATA" "$KAFKA_HOME/cluster-id" "$FERRETDB_DATA" "$POSTGRES_DATA"
fi
