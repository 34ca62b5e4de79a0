#!/usr/bin/env bash
# Runs a command with Baton's local Kafka, FerretDB and PostgreSQL up: starts them (installing on
# first use, from empty data), exports KAFKA_BROKERS, MONGODB_URI, POSTGRES_JDBC_URL, POSTGRES_USER,
# POSTGRES_PASSWORD, POSTGRES_PORT (and the secure test listeners' TEST_KAFKA_*), runs the command, and stops them again
# afterwards — unless they were already running before, in which case they are left as they were
# with their data (a developer keeping them up between runs). The command's exit code is the script's.
set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

[[ $# -gt 0 ]] || die "usage: infra/with-infra.sh COMMAND [ARGS…]"

was_running=false
if bash "$INFRA_DIR/status.sh" >/dev/null 2>&1; then was_running=true; fi

if $was_running; then bash "$INFRA_DIR/up.sh" >&2; else INFRA_FRESH_DATA=1 bash "$INFRA_DIR/up.sh" >&2; fi
export KAFKA_BROKERS MONGODB_URI
export POSTGRES_JDBC_URL POSTGRES_USER POSTGRES_PASSWORD POSTGRES_PORT
export TEST_KAFKA_SASL_SSL_BROKERS TEST_KAFKA_SSL_BROKERS TEST_KAFKA_TLS_DIR TEST_KAFKA_SASL_USERNAME TEST_KAFKA_SASL_PASSWORD

status=0
"$@" || status=$?

if ! $was_running; then bash "$INFRA_DIR/down.sh" >&2 || warn "infra/down.sh failed"; fi
exit $status
