# PostgreSQL for the Camunda 7 benchmark peer (bench/peers/camunda7/), whose process engine keeps
# its state in a relational database: install (Debian's package), initialise our own cluster,
# start, probe, create its role and database, stop. Sourced by infra/up.sh after lib/common.sh.
# Only the package's binaries are used, never Debian's system cluster (pg_ctlcluster,
# /etc/postgresql, /var/lib/postgresql): our cluster lives in $POSTGRES_DATA and only these
# scripts start and stop it, like the other services.

POSTGRES_HOME="$INFRA_HOME/postgres"
POSTGRES_DATA="$POSTGRES_HOME/data"
# The server's unix socket (used by these scripts to create the role and database) stays under
# $INFRA_HOME instead of Debian's /var/run/postgresql, which the system cluster uses.
POSTGRES_SOCKET_DIR="$POSTGRES_HOME/socket"
POSTGRES_LOG="$POSTGRES_HOME/postgres.log"
# Text of the postmaster's command line that identifies our process (see running_pid).
POSTGRES_MARKER="$POSTGRES_DATA"
# Set by postgres_locate: /usr/lib/postgresql/<major>/bin of the newest installed major.
POSTGRES_BIN=""

# PostgreSQL refuses to run as root. As root, initdb, the server and psql run as the `postgres`
# system user (made by the Debian package); otherwise as the current user. setpriv rather than
# runuser because setpriv execs the command (runuser forks and waits for it): the detached
# server's pid, in the pid file, is then the postmaster's own.
if [[ "$(id -u)" -eq 0 ]]; then
  POSTGRES_OS_USER=postgres
  POSTGRES_AS_OWNER=(setpriv --reuid=postgres --regid=postgres --init-groups --reset-env)
else
  POSTGRES_OS_USER="$(id -un)"
  POSTGRES_AS_OWNER=()
fi

# Debian installs each major side by side in /usr/lib/postgresql/<major>/bin: the newest wins.
postgres_locate() {
  local server
  server="$(printf '%s\n' /usr/lib/postgresql/*/bin/postgres | sort -V | tail -n 1)"
  [[ -x "$server" ]] || return 1
  POSTGRES_BIN="$(dirname "$server")"
  [[ -x "$POSTGRES_BIN/initdb" && -x "$POSTGRES_BIN/pg_isready" && -x "$POSTGRES_BIN/psql" ]]
}

postgres_installed() { postgres_locate; }

# "15.18" (from "postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"), or "-" when not installed.
postgres_version() {
  if postgres_locate; then "$POSTGRES_BIN/postgres" --version | awk '{print $3}'; else echo -; fi
}

postgres_major() { basename "$(dirname "$POSTGRES_BIN")"; }

postgres_install() {
  if postgres_installed; then return 0; fi
  local sudo=() started=$SECONDS
  if [[ "$(id -u)" -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 ||
      die "postgres: PostgreSQL's server is missing (no /usr/lib/postgresql/<major>/bin/postgres) and installing it needs root (apt-get install postgresql)"
    sudo=(sudo)
  fi
  need_command apt-get "Debian's postgresql package provides the PostgreSQL server"
  mkdir -p "$POSTGRES_HOME"
  log "postgres: installing Debian's postgresql package (log $POSTGRES_HOME/install.log)"
  # `env` so that DEBIAN_FRONTEND survives sudo's environment reset.
  run_logged "$POSTGRES_HOME/install.log" "${sudo[@]}" apt-get update -qq ||
    die "postgres: apt-get update failed (are the Debian mirrors reachable?)"
  run_logged "$POSTGRES_HOME/install.log" "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -qq --no-install-recommends postgresql ||
    die "postgres: apt-get install postgresql failed"
  postgres_installed || die "postgres: package installed but no /usr/lib/postgresql/<major>/bin/{postgres,initdb,pg_isready,psql}"
  log "postgres: installed PostgreSQL $(postgres_version) in $((SECONDS - started))s"
}

# The Debian package creates the `postgres` user; a machine with the binaries but not the user
# (copied image, hand-made install) gets one like it.
postgres_ensure_os_user() {
  [[ "$(id -u)" -eq 0 ]] || return 0
  if getent passwd postgres >/dev/null; then return 0; fi
  need_command useradd "useradd creates the postgres system user"
  log "postgres: creating the 'postgres' system user (PostgreSQL refuses to run as root)"
  useradd --system --user-group --home-dir /var/lib/postgresql --no-create-home --shell /usr/sbin/nologin postgres ||
    die "postgres: useradd postgres failed"
}

# Creates the cluster once (initdb into a scratch directory, then renamed, so an interrupted
# initdb never leaves a half-made data directory behind). Local (unix socket) connections are
# trusted: only these scripts use them, as the superuser `postgres`. TCP on loopback asks for a
# password, md5 (initdb then also sets password_encryption = md5): every PostgreSQL JDBC driver
# version speaks it, SCRAM only 42.2 and later.
postgres_init() {
  if [[ -f "$POSTGRES_DATA/PG_VERSION" ]]; then
    local data_major
    data_major="$(cat "$POSTGRES_DATA/PG_VERSION")"
    [[ "$data_major" == "$(postgres_major)" ]] ||
      die "postgres: $POSTGRES_DATA was made by PostgreSQL $data_major but $(postgres_major) is installed; delete it with 'bash infra/down.sh --clean' (its data is lost)"
    return 0
  fi
  local scratch="$POSTGRES_HOME/data.initdb"
  rm -rf "$scratch" "$POSTGRES_DATA"
  mkdir -p "$scratch"
  chown "$POSTGRES_OS_USER:" "$scratch"
  chmod 700 "$scratch"
  # The server user must reach its data through every parent directory (not so under a 0700 home).
  "${POSTGRES_AS_OWNER[@]}" test -w "$scratch" ||
    die "postgres: user '$POSTGRES_OS_USER' cannot write $scratch (a parent directory is closed to it); set INFRA_HOME elsewhere"
  log "postgres: initialising a cluster in $POSTGRES_DATA"
  (cd "$scratch" && run_logged "$POSTGRES_HOME/initdb.log" "${POSTGRES_AS_OWNER[@]}" "$POSTGRES_BIN/initdb" \
    --pgdata="$scratch" --username=postgres --encoding=UTF8 --locale=C.UTF-8 \
    --auth-local=trust --auth-host=md5) || die "postgres: initdb failed (see $POSTGRES_HOME/initdb.log)"
  # Our settings live in baton.conf (postgres_write_config); included last, so they win.
  printf "\n# Baton's local infrastructure (infra/lib/postgres.sh)\ninclude = 'baton.conf'\n" >>"$scratch/postgresql.conf"
  mv "$scratch" "$POSTGRES_DATA"
}

# Regenerated at every start so that port overrides take effect.
postgres_write_config() {
  cat >"$POSTGRES_DATA/baton.conf" <<EOF
# Generated by infra/up.sh: a loopback-only PostgreSQL for the Camunda 7 benchmark peer.
listen_addresses = '127.0.0.1'
port = $POSTGRES_PORT
unix_socket_directories = '$POSTGRES_SOCKET_DIR'
# A small benchmark box: PostgreSQL's stock sizes, stated so that they do not drift.
max_connections = 100
shared_buffers = 128MB
# Durable commits, as in production: the benchmark compares engines honestly. synchronous_commit
# keeps its default (on) for the same reason.
fsync = on
# The server's stderr is appended to postgres.log by up.sh: no log collector process.
logging_collector = off
log_destination = 'stderr'
log_line_prefix = '%m [%p] %q%u@%d '
EOF
  chown "$POSTGRES_OS_USER:" "$POSTGRES_DATA/baton.conf"
}

# The lock files left by a server that was killed (or a machine that restarted), postmaster.pid
# in the data directory and .s.PGSQL.<port>.lock beside the socket, name a pid that may now
# belong to another process (or still be an unreaped zombie), and PostgreSQL then refuses to
# start. Called only when our pid file names no live server: a postmaster.pid naming a live
# postgres on our data directory is adopted (its pid file was lost); otherwise both are removed
# (the socket directory is our cluster's alone).
postgres_clear_stale_lock() {
  local lock="$POSTGRES_DATA/postmaster.pid" pid=""
  if [[ -f "$lock" ]]; then
    pid="$(head -n 1 "$lock")"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null &&
      [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$POSTGRES_MARKER"* ]]; then
      log "postgres: adopting the running server (pid $pid) named by $lock"
      echo "$pid" >"$(pid_file postgres)"
      return 0
    fi
    log "postgres: removing stale $lock (pid ${pid:-?} is not running it)"
    rm -f "$lock"
  fi
  rm -f "$POSTGRES_SOCKET_DIR"/.s.PGSQL.*
}

# Healthy = pg_isready: the server accepts connections on the TCP port (start-up and recovery done).
postgres_healthy() {
  [[ -n "$POSTGRES_BIN" ]] || postgres_locate || return 1
  "$POSTGRES_BIN/pg_isready" -q -h 127.0.0.1 -p "$POSTGRES_PORT" -t 2
}

# psql as the superuser through our unix socket (trusted, see postgres_init).
postgres_psql() {
  "${POSTGRES_AS_OWNER[@]}" "$POSTGRES_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_SOCKET_DIR" \
    -p "$POSTGRES_PORT" -U postgres -d postgres "$@"
}

# The Camunda 7 peer's role and database, created when missing; an existing one is left as it is.
postgres_ensure_database() {
  local found
  found="$(postgres_psql -tA -v user="$POSTGRES_USER" -v db="$POSTGRES_DB" <<'SQL'
SELECT (SELECT count(*) FROM pg_roles WHERE rolname = :'user')
     + (SELECT count(*) FROM pg_database WHERE datname = :'db');
SQL
  )" || die "postgres: cannot query the server through $POSTGRES_SOCKET_DIR"
  [[ "$found" == 2 ]] && return 0
  log "postgres: creating role $POSTGRES_USER and database $POSTGRES_DB"
  postgres_psql -v user="$POSTGRES_USER" -v password="$POSTGRES_PASSWORD" -v db="$POSTGRES_DB" <<'SQL' ||
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'user', :'password')
  WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'user') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'user')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \gexec
SQL
    die "postgres: creating role $POSTGRES_USER / database $POSTGRES_DB failed"
}

# ensure_port_free, plus the likely culprit: on a host with systemd, installing Debian's package
# also starts its own cluster on 5432.
postgres_ensure_port_free() {
  port_open "$POSTGRES_PORT" || return 0
  local owner
  owner="$(port_owner "$POSTGRES_PORT")"
  die "port $POSTGRES_PORT (needed by PostgreSQL, POSTGRES_PORT) is already in use by another program${owner:+: $owner}. If it is Debian's own cluster, started when the package was installed: 'systemctl disable --now postgresql'. Or choose another port (see infra/README.md)."
}

# Waits until the server answers, then records the postmaster's pid from its own postmaster.pid.
# Not the common wait_healthy: its check of the launcher's pid and command line (nohup → setsid →
# setpriv → postgres) once took a server that was starting fine for one that had exited (a restart
# test in CI), and the postmaster's own pid file is the authoritative one anyway.
postgres_wait_started() {
  local deadline=$((SECONDS + INFRA_START_TIMEOUT)) launched
  launched="$(cat "$(pid_file postgres)" 2>/dev/null || true)"
  while ((SECONDS < deadline)); do
    if postgres_healthy; then
      head -n 1 "$POSTGRES_DATA/postmaster.pid" >"$(pid_file postgres)"
      return 0
    fi
    if [[ -n "$launched" ]] && ! kill -0 "$launched" 2>/dev/null && [[ ! -f "$POSTGRES_DATA/postmaster.pid" ]]; then
      printf '[infra] ERROR: postgres exited during start-up. Last lines of %s:\n' "$POSTGRES_LOG" >&2
      show_logs "$POSTGRES_LOG"
      return 1
    fi
    sleep 0.2
  done
  printf '[infra] ERROR: postgres not healthy after %ss. Last lines of %s:\n' "$INFRA_START_TIMEOUT" "$POSTGRES_LOG" >&2
  show_logs "$POSTGRES_LOG"
  return 1
}

postgres_start() {
  local pid
  postgres_locate || die "postgres: not installed (run infra/up.sh)"
  if ! running_pid postgres "$POSTGRES_MARKER" >/dev/null 2>&1; then postgres_clear_stale_lock; fi
  if pid="$(running_pid postgres "$POSTGRES_MARKER" 2>/dev/null)"; then
    if postgres_healthy; then
      log "postgres: already running (pid $pid) on $POSTGRES_JDBC_URL"
      postgres_ensure_database
      return 0
    fi
    log "postgres: process $pid is up but not healthy yet; waiting"
  else
    postgres_ensure_port_free
    # Unix socket paths are limited to 107 bytes; a deep INFRA_HOME would fail obscurely later.
    ((${#POSTGRES_SOCKET_DIR} + 17 <= 107)) || die "postgres: socket path under $POSTGRES_SOCKET_DIR is too long for a unix socket; use a shorter INFRA_HOME"
    postgres_ensure_os_user
    postgres_init
    postgres_write_config
    mkdir -p "$POSTGRES_SOCKET_DIR"
    chown "$POSTGRES_OS_USER:" "$POSTGRES_SOCKET_DIR"
    log "postgres: starting PostgreSQL $(postgres_version) on 127.0.0.1:$POSTGRES_PORT (log $POSTGRES_LOG)"
    SERVICE=postgres LOG_FILE="$POSTGRES_LOG" start_detached "${POSTGRES_AS_OWNER[@]}" "$POSTGRES_BIN/postgres" -D "$POSTGRES_DATA"
  fi
  postgres_wait_started || die "postgres: failed to start"
  postgres_ensure_database
  log "postgres: healthy"
}

# Fast shutdown (SIGINT): open transactions are rolled back, clients disconnected, a checkpoint
# written. SIGTERM would be a smart shutdown, which waits for every client to leave (a benchmark's
# connection pool may never). If that does not finish, immediate shutdown (SIGQUIT: the
# postmaster still takes its backends down; crash recovery at the next start, committed data kept),
# and last the common SIGTERM/SIGKILL.
postgres_stop() {
  local pid
  if ! pid="$(running_pid postgres "$POSTGRES_MARKER")"; then
    log "postgres: not running"
    return 0
  fi
  log "postgres: stopping (pid $pid, fast shutdown)"
  kill -INT "$pid" 2>/dev/null || true
  if ! postgres_wait_exit "$pid" "$INFRA_STOP_TIMEOUT"; then
    warn "postgres did not finish a fast shutdown within ${INFRA_STOP_TIMEOUT}s; immediate shutdown"
    kill -QUIT "$pid" 2>/dev/null || true
    postgres_wait_exit "$pid" 10 || {
      stop_service postgres "$POSTGRES_MARKER"
      return 0
    }
  fi
  rm -f "$(pid_file postgres)"
  log "postgres: stopped"
}

# True when process $1 is gone within $2 seconds.
postgres_wait_exit() {
  local deadline=$((SECONDS + $2))
  while kill -0 "$1" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.2; done
  ! kill -0 "$1" 2>/dev/null
}
