#!/usr/bin/env bash
# A throwaway PostgreSQL 15 + PostGIS 3 cluster for the tests: Unix socket only
# (no TCP), trust authentication, in a temporary directory that `stop` removes.
#
#   scripts/pg-test-cluster.sh start STATEFILE   # prints and writes the conninfo
#   scripts/pg-test-cluster.sh stop STATEFILE    # stops the cluster, removes its directory
#
# STATEFILE receives one line, the libpq conninfo of the cluster's `postgres`
# database; the cluster directory is remembered beside it (STATEFILE.dir).
# initdb refuses to run as root, so as root the cluster runs as the Debian
# `postgres` user. A template database `breathline_template` holds PostGIS so
# that each test database is one fast CREATE DATABASE ... TEMPLATE away.
set -euo pipefail

cmd=${1:-}
state=${2:-}
if [ -z "$cmd" ] || [ -z "$state" ]; then
  echo "usage: $0 start|stop STATEFILE" >&2
  exit 2
fi

bindir=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
if [ -z "$bindir" ]; then
  echo "pg-test-cluster: PostgreSQL 15 is not installed (scripts/setup.sh installs postgresql-15 and postgresql-15-postgis-3)" >&2
  exit 1
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop_cluster() {
  local dir=$1
  if [ -d "$dir/data" ]; then
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

case "$cmd" in
start)
  if [ -f "$state.dir" ]; then stop_cluster "$(cat "$state.dir")"; fi
  dir=$(mktemp -d /tmp/breathline-pg.XXXXXX)
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  echo "$dir" > "$state.dir"
  as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  port=$(( 20000 + RANDOM % 20000 ))
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
port = $port
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
CONF
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  conninfo="host=$dir port=$port user=postgres dbname=postgres"
  psql_q() { "$bindir/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
  psql_q "$conninfo" -c "CREATE DATABASE breathline_template" \
    && psql_q "host=$dir port=$port user=postgres dbname=breathline_template" \
         -c "CREATE EXTENSION postgis" \
    || { echo "pg-test-cluster: could not create the PostGIS template (is postgresql-15-postgis-3 installed?)" >&2; exit 1; }
  echo "$conninfo" > "$state"
  echo "$conninfo"
  ;;
stop)
  if [ -f "$state.dir" ]; then stop_cluster "$(cat "$state.dir")"; rm -f "$state.dir"; fi
  rm -f "$state"
  ;;
*)
  echo "usage: $0 start|stop STATEFILE" >&2
  exit 2
  ;;
esac
