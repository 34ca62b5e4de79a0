#!/usr/bin/env bash
# Reports whether Baton's local Kafka, FerretDB and PostgreSQL are installed, running and answering.
# Exit code 0 when all are running and answering, 1 otherwise.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
source "$INFRA_DIR/lib/kafka.sh"
source "$INFRA_DIR/lib/ferretdb.sh"
source "$INFRA_DIR/lib/postgres.sh"

report() {
  local service="$1" version="$2" installed="$3" marker="$4" healthy="$5" address="$6" pid
  if ! $installed; then
    printf '%-9s %-8s not installed\n' "$service" "$version"
    return 1
  fi
  if ! pid="$(running_pid "$service" "$marker" 2>/dev/null)"; then
    printf '%-9s %-8s stopped\n' "$service" "$version"
    return 1
  fi
  if $healthy; then
    printf '%-9s %-8s running (pid %s) and answering on %s\n' "$service" "$version" "$pid" "$address"
  else
    printf '%-9s %-8s running (pid %s) but NOT answering on %s\n' "$service" "$version" "$pid" "$address"
    return 1
  fi
}

status=0
report kafka "$KAFKA_VERSION" "$(kafka_installed && echo true || echo false)" "$KAFKA_MARKER" kafka_healthy "$KAFKA_BROKERS" || status=1
report ferretdb "$FERRETDB_VERSION" "$(ferretdb_installed && echo true || echo false)" "$FERRETDB_MARKER" ferretdb_healthy "$MONGODB_URI" || status=1
report postgres "$(postgres_version)" "$(postgres_installed && echo true || echo false)" "$POSTGRES_MARKER" postgres_healthy "$POSTGRES_JDBC_URL" || status=1
exit $status
