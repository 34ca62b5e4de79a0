# Shared settings and helpers for infra/up.sh, down.sh, status.sh and with-infra.sh (sourced, not run).
# Everything the scripts install or write lives under $INFRA_HOME (.infra/, git-ignored);
# versions and ports are overridable through the environment.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
INFRA_DIR="$ROOT/infra"
INFRA_HOME="${INFRA_HOME:-$ROOT/.infra}"
RUN_DIR="$INFRA_HOME/run"

KAFKA_VERSION="${KAFKA_VERSION:-3.9.2}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_SASL_SSL_PORT="${KAFKA_SASL_SSL_PORT:-9094}"
KAFKA_SSL_PORT="${KAFKA_SSL_PORT:-9095}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx512m -Xms256m}"
# The broker's collector settings, as Kafka's own start script sets them (kafka-run-class.sh): G1
# aiming at 20 ms pauses. Without the pause goal G1 aims at 200 ms, and its young collections took
# 35-75 ms on this 2-core machine under load, every produce answer waiting meanwhile.
KAFKA_GC_OPTS="${KAFKA_GC_OPTS:--XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent}"
KAFKA_HOME="$INFRA_HOME/kafka"

FERRETDB_VERSION="${FERRETDB_VERSION:-v1.24.2}"
MONGO_PORT="${MONGO_PORT:-27017}"
# FerretDB's metrics/pprof HTTP listener: off ("-") unless asked for, e.g. 127.0.0.1:8088.
FERRETDB_DEBUG_ADDR="${FERRETDB_DEBUG_ADDR:--}"
FERRETDB_HOME="$INFRA_HOME/ferretdb"
FERRETDB_BIN="$INFRA_HOME/bin/ferretdb"

POSTGRES_PORT="${POSTGRES_PORT:-5432}"

# Seconds to wait for a service to become healthy / to stop before giving up.
INFRA_START_TIMEOUT="${INFRA_START_TIMEOUT:-120}"
INFRA_STOP_TIMEOUT="${INFRA_STOP_TIMEOUT:-30}"

KAFKA_BROKERS="127.0.0.1:$KAFKA_PORT"
# The secure test listeners and what clients need for them (infra/lib/kafka-secure.sh): exported
# to the tests by with-infra.sh. Test credentials, valid on the local test broker only.
TEST_KAFKA_SASL_SSL_BROKERS="127.0.0.1:$KAFKA_SASL_SSL_PORT"
TEST_KAFKA_SSL_BROKERS="127.0.0.1:$KAFKA_SSL_PORT"
TEST_KAFKA_TLS_DIR="$KAFKA_HOME/tls"
TEST_KAFKA_SASL_USERNAME="batontest"
TEST_KAFKA_SASL_PASSWORD="baton-test-secret"
MONGODB_URI="mongodb://127.0.0.1:$MONGO_PORT/"
# The Camunda 7 benchmark peer's database (infra/lib/postgres.sh): exported by with-infra.sh.
# Fixed rather than read from the environment, where POSTGRES_USER may mean some other database.
POSTGRES_USER="baton"
POSTGRES_PASSWORD="baton"
POSTGRES_DB="camunda7"
POSTGRES_JDBC_URL="jdbc:postgresql://127.0.0.1:$POSTGRES_PORT/$POSTGRES_DB"

log() { printf '[infra] %s\n' "$*"; }
warn() { printf '[infra] WARNING: %s\n' "$*" >&2; }
die() { printf '[infra] ERROR: %s\n' "$*" >&2; exit 1; }

need_command() {
  command -v "$1" >/dev/null 2>&1 || die "'$1' is required but not installed ($2)"
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Who listens on a port, for error messages (best effort: ss may be missing or lack rights).
port_owner() {
  if command -v ss >/dev/null 2>&1; then
    ss -ltnpH "sport = :$1" 2>/dev/null | sed -n 's/.*users:((\(.*\)))/\1/p' | head -1
  fi
}

pid_file() { echo "$RUN_DIR/$1.pid"; }

# Prints the pid of service $1 if its pid file names a live process that really is ours
# (the command line contains $2); removes a stale pid file otherwise.
running_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file" 2>/dev/null || true)"
  if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
    [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$2"* ]]; then
    echo "$pid"
    return 0
  fi
  warn "removing stale pid file $file (pid ${pid:-?} is not running $1)"
  rm -f "$file"
  return 1
}

# Fails clearly when a port we are about to bind is taken by another program.
ensure_port_free() {
  local port="$1" what="$2" owner
  if port_open "$port"; then
    owner="$(port_owner "$port")"
    die "port $port (needed by $what) is already in use by another program${owner:+: $owner}. Stop it, or choose another port (see infra/README.md)."
  fi
}

# Starts "$@" detached (own session, immune to hangup), output appended to $LOG_FILE,
# and records its pid in the pid file of service $SERVICE.
start_detached() {
  mkdir -p "$RUN_DIR" "$(dirname "$LOG_FILE")"
  if command -v setsid >/dev/null 2>&1; then
    nohup setsid "$@" >>"$LOG_FILE" 2>&1 </dev/null &
  else
    nohup "$@" >>"$LOG_FILE" 2>&1 </dev/null &
  fi
  local pid=$!
  # Until the forked shell has exec'd nohup, its command line is still the caller's, without the
  # service's marker: running_pid would take it for a stale pid (and remove the pid file of a
  # server that goes on starting). Wait for the exec, a few milliseconds.
  while [[ "$(readlink "/proc/$pid/exe" 2>/dev/null)" == "$(readlink "/proc/$$/exe")" ]]; do sleep 0.01; done
  echo "$pid" >"$(pid_file "$SERVICE")"
}

# Runs check function $2 until it succeeds, the process of service $1 dies, or the deadline.
# On failure prints the tail of the log files listed (space-separated) in $3 and returns 1.
wait_healthy() {
  local service="$1" check="$2" logfile="$3" marker="$4" deadline=$((SECONDS + INFRA_START_TIMEOUT))
  while ((SECONDS < deadline)); do
    if ! running_pid "$service" "$marker" >/dev/null 2>&1; then
      printf '[infra] ERROR: %s exited during start-up. Last lines of %s:\n' "$service" "$logfile" >&2
      show_logs "$logfile"
      return 1
    fi
    if "$check"; then return 0; fi
    sleep 0.5
  done
  printf '[infra] ERROR: %s not healthy after %ss. Last lines of %s:\n' "$service" "$INFRA_START_TIMEOUT" "$logfile" >&2
  show_logs "$logfile"
  return 1
}

show_logs() {
  local f
  for f in $1; do
    [[ -s "$f" ]] && { printf -- '--- %s\n' "$f" >&2; tail -n 30 "$f" >&2; }
  done
  return 0
}

# Sends SIGTERM to service $1, waits up to INFRA_STOP_TIMEOUT, then SIGKILL.
stop_service() {
  local service="$1" marker="$2" pid deadline
  if ! pid="$(running_pid "$service" "$marker")"; then
    log "$service: not running"
    return 0
  fi
  log "$service: stopping (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  deadline=$((SECONDS + INFRA_STOP_TIMEOUT))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$service did not stop within ${INFRA_STOP_TIMEOUT}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
  rm -f "$(pid_file "$service")"
  log "$service: stopped"
}

# Runs "$@" with its output appended to log file $1; on failure shows the log's tail.
run_logged() {
  local logfile="$1"
  shift
  mkdir -p "$(dirname "$logfile")"
  if "$@" >>"$logfile" 2>&1; then return 0; fi
  show_logs "$logfile"
  return 1
}

# Runs a node health probe from infra/health/ (needs kafkajs / mongodb from node_modules).
# Exit code 3 from the probe means "client package not installed": the caller falls back.
node_probe() {
  command -v node >/dev/null 2>&1 || return 3
  (cd "$ROOT" && node "$INFRA_DIR/health/$1" >/dev/null 2>&1)
}
