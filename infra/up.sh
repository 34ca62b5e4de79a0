#!/usr/bin/env bash
# Installs (once, cached in .infra/) and starts Baton's local infrastructure on loopback:
# Kafka 3.9 (KRaft, single node), FerretDB 1.24 (SQLite) and PostgreSQL (Debian's package, our own
# cluster, for the Camunda 7 benchmark peer). Idempotent: what is already
# installed or running and healthy is left alone. Prints the connection settings at the end.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$INFRA_DIR/lib/kafka.sh"
source "$INFRA_DIR/lib/ferretdb.sh"
source "$INFRA_DIR/lib/postgres.sh"

mkdir -p "$INFRA_HOME" "$RUN_DIR"

# INFRA_FRESH_DATA=1 (set by infra/with-infra.sh when it starts the infrastructure for a test run):
# a service that is not running starts from empty data, as on a fresh machine. Otherwise the
# topics and databases of every earlier run pile up (thousands of partitions after a few runs,
# until the broker's heap runs out). A running service and its data are never touched.
if [[ "${INFRA_FRESH_DATA:-}" == 1 ]]; then
  if ! running_pid kafka "$KAFKA_MARKER" >/dev/null 2>&1; then rm -rf "$KAFKA_DATA"; fi
  if ! running_pid ferretdb "$FERRETDB_MARKER" >/dev/null 2>&1; then rm -rf "$FERRETDB_DATA"; fi
  if ! running_pid postgres "$POSTGRES_MARKER" >/dev/null 2>&1; then rm -rf "$POSTGRES_DATA"; fi
fi

# Install all first (slow only the first time), then start all.
kafka_install
ferretdb_install
postgres_install
kafka_start
ferretdb_start
postgres_start

log "ready ($SECONDS s). Use:"
echo "KAFKA_BROKERS=$KAFKA_BROKERS"
echo "MONGODB_URI=$MONGODB_URI"
echo "POSTGRES_JDBC_URL=$POSTGRES_JDBC_URL"
echo "POSTGRES_USER=$POSTGRES_USER"
echo "POSTGRES_PASSWORD=$POSTGRES_PASSWORD"
log "secure test listeners (test credentials, see infra/README.md): SASL_SSL $TEST_KAFKA_SASL_SSL_BROKERS, mutual TLS $TEST_KAFKA_SSL_BROKERS, certificates in $TEST_KAFKA_TLS_DIR"
