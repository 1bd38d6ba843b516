#!/usr/bin/env bash
# A private, throwaway PostgreSQL 15 server for the tests.
#
# Usage:
#   pg_env="$(test/throwaway-postgres.sh start)" # prints only `export NAME=value` lines
#   eval "$pg_env"                               # (not `eval "$(…)"`: that hides a failure)
#   ...run tests...
#   test/throwaway-postgres.sh stop [DIR]        # DIR defaults to $CONFLICTCTL_TEST_PG_DIR
#
# `start` makes a new cluster in a temporary directory (under ${TMPDIR:-/tmp}), on a free
# port of 127.0.0.1 found by probing (never 5432 blindly), with fsync off, and creates the
# role and database `conflictctl_test` with a random password. It exports:
#   CONFLICTCTL_TEST_DATABASE_URL  postgresql://conflictctl_test:PASSWORD@127.0.0.1:PORT/conflictctl_test
#   POSTGRES_HOST POSTGRES_PORT POSTGRES_DATABASE POSTGRES_USER POSTGRES_PASSWORD
#   CONFLICTCTL_TEST_PG_DIR        the cluster's directory, for `stop`
# TCP connections need the password (scram-sha-256); the admin role `postgres` connects
# through the Unix socket in the cluster's directory without one.
#
# `stop` stops that server and removes its directory. It prints nothing when all goes well.
#
# The server refuses to run as root, so as root the directory is given to the `postgres`
# user and every server command runs through `runuser -u postgres`; as a normal user they
# run directly. The system PostgreSQL service is not used (in a container it cannot start).
#
# Environment: PG_BIN overrides the binaries' directory (default /usr/lib/postgresql/15/bin,
# the versioned path: /usr/local/bin/initdb may be an unrelated symlink).
set -euo pipefail

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
readonly PG_BIN
readonly NAME=conflictctl_test
readonly MARKER=.conflictctl-throwaway-postgres  # only directories holding it are removed

log() { echo "throwaway-postgres: $*" >&2; }

# Runs a server command as the cluster's owner, from inside the cluster's directory (so that
# `postgres` never needs access to the caller's working directory).
as_owner() {
  local dir="$1"
  shift
  if ((EUID == 0)); then
    (cd "$dir" && runuser -u postgres -- "$@")
  else
    (cd "$dir" && "$@")
  fi
}

# True when nothing accepts connections on 127.0.0.1:$1.
port_is_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints a port that looks free, starting from a random one in 20000-59999.
free_port() {
  local port=$((20000 + RANDOM % 40000)) tries
  for ((tries = 0; tries < 200; tries++)); do
    if [[ "$port" != 5432 ]] && port_is_free "$port"; then
      echo "$port"
      return 0
    fi
    port=$((port < 59999 ? port + 1 : 20000))
  done
  log "no free port found"
  return 1
}

# EXIT trap of a `start` that failed half-way: show why, stop and remove its cluster.
clean_up_failed_start() {
  log "start failed"
  if [[ -s "$FAILED_START_DIR/server.log" ]]; then
    log "server log:"
    cat "$FAILED_START_DIR/server.log" >&2
  fi
  stop_dir "$FAILED_START_DIR" || true
}

start() {
  [[ -x "$PG_BIN/initdb" ]] || { log "no PostgreSQL 15 in $PG_BIN (install postgresql)"; exit 1; }

  local dir password port attempt started=false
  dir="$(mktemp -d "${TMPDIR:-/tmp}/conflictctl-pg.XXXXXX")"
  touch "$dir/$MARKER"
  # On any failure below (set -e exits the script), leave nothing behind.
  FAILED_START_DIR="$dir"
  trap clean_up_failed_start EXIT
  if ((EUID == 0)); then chown -R postgres:postgres "$dir"; fi

  as_owner "$dir" "$PG_BIN/initdb" -D "$dir/data" -U postgres --auth-local=trust \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 || {
    cat "$dir/initdb.log" >&2
    false
  }

  # Another process may take the probed port before the server binds it: try a few.
  for attempt in 1 2 3 4 5; do
    port="$(free_port)"
    if as_owner "$dir" "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o \
      "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      started=true
      break
    fi
    log "attempt $attempt: the server did not start on port $port"
  done
  [[ "$started" == true ]]

  password="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  as_owner "$dir" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres \
    -d postgres \
    -c "CREATE ROLE $NAME LOGIN PASSWORD '$password'" \
    -c "CREATE DATABASE $NAME OWNER $NAME" </dev/null
  trap - EXIT

  printf 'export %s=%q\n' \
    CONFLICTCTL_TEST_DATABASE_URL "postgresql://$NAME:$password@127.0.0.1:$port/$NAME" \
    POSTGRES_HOST 127.0.0.1 \
    POSTGRES_PORT "$port" \
    POSTGRES_DATABASE "$NAME" \
    POSTGRES_USER "$NAME" \
    POSTGRES_PASSWORD "$password" \
    CONFLICTCTL_TEST_PG_DIR "$dir"
  log "PostgreSQL is up on 127.0.0.1:$port (cluster in $dir)"
}

# Stops the server of cluster directory $1 (if it runs) and removes the directory.
stop_dir() {
  local dir="$1"
  if [[ ! -f "$dir/$MARKER" ]]; then
    log "$dir is not a throwaway cluster directory; not touching it"
    return 1
  fi
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_owner "$dir" "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null ||
      log "pg_ctl stop failed; removing $dir anyway"
  fi
  rm -rf -- "$dir"
}

case "${1:-}" in
  start) start ;;
  stop)
    dir="${2:-${CONFLICTCTL_TEST_PG_DIR:-}}"
    [[ -n "$dir" ]] || { log "stop: give the directory or set CONFLICTCTL_TEST_PG_DIR"; exit 2; }
    stop_dir "$dir"
    ;;
  *)
    echo "usage: $0 start | stop [DIR]" >&2
    exit 2
    ;;
esac
