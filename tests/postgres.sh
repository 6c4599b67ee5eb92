#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests' PostgreSQL pass.
#
# Sourced by tests/run-all.sh: `postgres_start` installs Debian's `postgresql` package when no
# /usr/lib/postgresql/*/bin/initdb exists, initialises a cluster in a temp folder (as the `postgres`
# user when run as root: initdb refuses root), starts it on 127.0.0.1 on a free port with its unix
# socket in that folder, creates the database `registry_tests`, sets `postgres_uri` to
# postgres://postgres@127.0.0.1:PORT/registry_tests (the value for REGISTRY_TEST_POSTGRES) and
# stops the cluster and deletes the folder when the shell exits or is interrupted (traps on EXIT,
# INT, TERM, HUP). It returns non-zero, with the server log's tail printed, when PostgreSQL cannot
# be installed or started: the caller counts that as a failure, never as a skip.
#
# Run alone:
#   eval "$(tests/postgres.sh start)"   # exports REGISTRY_TEST_POSTGRES and REGISTRY_TEST_POSTGRES_DIR
#   tests/postgres.sh stop "$REGISTRY_TEST_POSTGRES_DIR"
#
# The cluster is for tests only: fsync, synchronous_commit and full_page_writes are off (a crash of
# the machine may lose or corrupt it), and every connection is trusted without a password.

postgres_database="registry_tests"
postgres_dir=""
postgres_port=""
postgres_uri=""

postgres_log() { printf 'tests/postgres.sh: %s\n' "$*" >&2; }

# The newest /usr/lib/postgresql/N/bin holding initdb (empty when none).
postgres_bin_dir() {
  local initdb
  initdb="$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | grep -v '\*' | sort -V | tail -n 1)"
  [[ -x "$initdb" ]] && dirname "$initdb"
}

postgres_install() {
  if [[ -n "$(postgres_bin_dir)" ]]; then
    return 0
  fi
  postgres_log "no /usr/lib/postgresql/*/bin/initdb: installing Debian's postgresql package"
  local sudo=()
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo=(sudo)
  fi
  "${sudo[@]}" apt-get update >&2 &&
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends postgresql >&2 &&
    [[ -n "$(postgres_bin_dir)" ]] || {
    postgres_log "installing Debian's postgresql package failed"
    return 1
  }
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
postgres_as_owner() {
  if [[ "$(id -u)" -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

postgres_fail() {
  postgres_log "$1"
  if [[ -n "$postgres_dir" && -f "$postgres_dir/postgres.log" ]]; then
    postgres_log "last lines of $postgres_dir/postgres.log:"
    tail -n 30 "$postgres_dir/postgres.log" >&2
  fi
  return 1
}

# True when something already accepts connections on 127.0.0.1:$1.
postgres_port_taken() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Installs, initialises and starts the cluster; sets postgres_dir, postgres_port and postgres_uri.
# No traps: postgres_start (sourced) or the caller of `tests/postgres.sh start` stops it.
postgres_start_cluster() {
  local started_at bin attempt port
  started_at="$(date +%s%3N)"
  postgres_install || return 1
  bin="$(postgres_bin_dir)"

  postgres_dir="$(mktemp -d "${TMPDIR:-/tmp}/registry-postgres.XXXXXX")" || return 1
  if [[ "$(id -u)" -eq 0 ]]; then
    chown postgres:postgres "$postgres_dir" || return 1
  fi
  if ! postgres_as_owner "$bin/initdb" -D "$postgres_dir/data" -U postgres -A trust -E UTF8 --no-locale \
    >"$postgres_dir/initdb.log" 2>&1; then
    tail -n 30 "$postgres_dir/initdb.log" >&2
    postgres_fail "initdb failed"
    return 1
  fi
  cat >>"$postgres_dir/data/postgresql.conf" <<EOF

# tests/postgres.sh: a throwaway cluster for tests (no durability, trusted connections).
listen_addresses = '127.0.0.1'
unix_socket_directories = '$postgres_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 500
shared_buffers = 256MB
EOF

  for attempt in 1 2 3 4 5 6 7 8 9 10; do
    port=$(( 20000 + RANDOM % 40000 ))
    if postgres_port_taken "$port"; then
      continue
    fi
    # -l: a caller that captures pg_ctl's output would otherwise wait for ever on the server's pipe.
    if postgres_as_owner "$bin/pg_ctl" -D "$postgres_dir/data" -l "$postgres_dir/postgres.log" \
      -o "-p $port" -w -t 60 start >/dev/null; then
      postgres_port="$port"
      break
    fi
    if ! grep -qE 'could not bind|Address already in use' "$postgres_dir/postgres.log"; then
      postgres_fail "pg_ctl start failed (attempt $attempt, port $port)"
      return 1
    fi
    postgres_log "port $port was taken while PostgreSQL started: trying another"
  done
  if [[ -z "$postgres_port" ]]; then
    postgres_fail "found no free port for PostgreSQL in 10 attempts"
    return 1
  fi

  local waited
  for waited in $(seq 1 60); do
    if "$bin/pg_isready" -q -h 127.0.0.1 -p "$postgres_port" -t 1; then
      break
    fi
    if (( waited == 60 )); then
      postgres_fail "PostgreSQL on 127.0.0.1:$postgres_port was not ready within 60 s"
      return 1
    fi
    sleep 1
  done

  if ! "$bin/psql" -X -q -h 127.0.0.1 -p "$postgres_port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE $postgres_database" >&2; then
    postgres_fail "creating the database $postgres_database failed"
    return 1
  fi
  postgres_uri="postgres://postgres@127.0.0.1:$postgres_port/$postgres_database"
  postgres_log "PostgreSQL $(basename "$(dirname "$bin")") ready at $postgres_uri (folder $postgres_dir)" \
    "in $(( $(date +%s%3N) - started_at )) ms"
}

# Stops the cluster in DIR (default: the one this shell started) and deletes DIR.
postgres_stop() {
  local dir="${1:-$postgres_dir}" bin
  [[ -n "$dir" && -d "$dir" ]] || return 0
  case "$(basename "$dir")" in
    registry-postgres.*) ;;
    *)
      postgres_log "refusing to delete $dir: not a folder made by tests/postgres.sh"
      return 1
      ;;
  esac
  bin="$(postgres_bin_dir)"
  if [[ -n "$bin" && -f "$dir/data/postmaster.pid" ]]; then
    postgres_as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 ||
      postgres_log "pg_ctl stop failed for $dir/data"
  fi
  rm -rf "$dir"
  if [[ "$dir" == "$postgres_dir" ]]; then
    postgres_dir=""
    postgres_uri=""
  fi
}

# For a sourcing script: start the cluster and stop it when the shell exits or is interrupted.
postgres_start() {
  trap 'postgres_stop' EXIT
  trap 'postgres_stop; exit 130' INT
  trap 'postgres_stop; exit 143' TERM
  trap 'postgres_stop; exit 129' HUP
  if ! postgres_start_cluster; then
    postgres_stop
    return 1
  fi
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -uo pipefail
  case "${1:-}" in
    start)
      if ! postgres_start_cluster; then
        postgres_stop
        exit 1
      fi
      printf 'export REGISTRY_TEST_POSTGRES=%q\n' "$postgres_uri"
      printf 'export REGISTRY_TEST_POSTGRES_DIR=%q\n' "$postgres_dir"
      printf '# stop it with: tests/postgres.sh stop %q\n' "$postgres_dir"
      ;;
    stop)
      [[ -n "${2:-}" ]] || { postgres_log "usage: tests/postgres.sh stop DIR"; exit 2; }
      postgres_stop "$2"
      ;;
    *)
      postgres_log "usage: tests/postgres.sh start | tests/postgres.sh stop DIR"
      exit 2
      ;;
  esac
fi
