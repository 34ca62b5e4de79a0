#!/usr/bin/env bash
# Installs (once, cached in .infra/) and starts Baton's local infrastructure on loopback:
# Kafka 3.9 (KRaft, single node) and FerretDB 1.24 (SQLite). Idempotent: what is already
# installed or running and healthy is left alone. Prints the connection settings at the end.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$INFRA_DIR/lib/kafka.sh"
source "$INFRA_DIR/lib/ferretdb.sh"

mkdir -p "$INFRA_HOME" "$RUN_DIR"

# Install both first (slow only the first time), then start both.
kafka_install
ferretdb_install
kafka_start
ferretdb_start

log "ready ($SECONDS s). Use:"
echo "KAFKA_BROKERS=$KAFKA_BROKERS"
echo "MONGODB_URI=$MONGODB_URI"
