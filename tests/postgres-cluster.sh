#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's tests on PostgreSQL: Debian's server programs, a data folder in a
# temp folder, a free port on 127.0.0.1, trust authentication (loopback only), no fsync (nothing here must survive).
#   source tests/postgres-cluster.sh; postgres_cluster_start; ...; postgres_cluster_stop
# postgres_cluster_start exports SERVICELOVEN_TEST_POSTGRES, the connection string the tests create databases with.
# Optional: PG_TEST_PORT to choose the port.

postgres_bindir() {
  if ! command -v pg_config >/dev/null 2>&1 || [ ! -x "$(pg_config --bindir)/initdb" ]; then
    echo "Installerer PostgreSQL (Debian-pakken) til testene på PostgreSQL ..." >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
    $sudo apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >/dev/null
  fi
  pg_config --bindir
}

# Runs a server program as the postgres OS user when we are root (initdb refuses root), else as ourselves.
postgres_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

postgres_port_free() {
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

postgres_cluster_start() {
  local bindir
  bindir=$(postgres_bindir) || return 1
  PG_TEST_DIR=$(mktemp -d /tmp/sl-postgres.XXXXXX)
  chmod 755 "$PG_TEST_DIR"
  if [ "$(id -u)" -eq 0 ]; then chown postgres: "$PG_TEST_DIR"; fi
  postgres_as_owner "$bindir/initdb" -D "$PG_TEST_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_TEST_DIR/initdb.log" 2>&1 \
    || { cat "$PG_TEST_DIR/initdb.log" >&2; return 1; }
  local port="${PG_TEST_PORT:-}" tries=0
  while :; do
    if [ -z "${PG_TEST_PORT:-}" ]; then port=$((20000 + RANDOM % 12000)); fi
    if postgres_port_free "$port" && postgres_as_owner "$bindir/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/server.log" -w -t 60 \
        -o "-p $port -k $PG_TEST_DIR -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
      break
    fi
    tries=$((tries + 1))
    if [ -n "${PG_TEST_PORT:-}" ] || [ "$tries" -ge 5 ]; then cat "$PG_TEST_DIR/server.log" >&2 2>/dev/null; return 1; fi
  done
  PG_TEST_BINDIR="$bindir"
  export SERVICELOVEN_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
  echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') til testene: 127.0.0.1:$port (data i $PG_TEST_DIR)." >&2
}

postgres_cluster_stop() {
  if [ -n "${PG_TEST_DIR:-}" ] && [ -d "$PG_TEST_DIR/data" ]; then
    postgres_as_owner "$PG_TEST_BINDIR/pg_ctl" -D "$PG_TEST_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}
