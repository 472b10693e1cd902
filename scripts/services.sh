#!/usr/bin/env bash
# Throw-away PostgreSQL 15 (with PostGIS) and NATS JetStream servers for the tests of the
# PostgreSQL store and the ingest fleet (doc/scale-out.md). Loopback only, free ports, data in
# a temporary directory.
#
#   eval "$(bash scripts/services.sh start DIR)"   # prints export TOCSIN_TEST_PG=... lines
#   bash scripts/services.sh stop DIR               # stops both and removes DIR
#
# PostgreSQL refuses to run as root: as root the cluster runs as the `postgres` user. Prints
# nothing (and exits 0) for a service whose binaries are missing: its tests are then skipped.
set -euo pipefail
cmd=${1:?usage: services.sh start|stop DIR}
dir=${2:?usage: services.sh start|stop DIR}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    chmod 755 "$dir"  # the postgres user goes through it (mktemp makes it 700)
    if [ -x "$PG_BIN/initdb" ]; then
      mkdir -p "$dir/pg"
      if [ "$(id -u)" = 0 ]; then
        chown postgres "$dir/pg"
        runuser -u postgres -- test -w "$dir/pg" || {
          echo "services.sh: the postgres user cannot write $dir/pg: use a directory whose" \
            "parents it may enter (e.g. under /tmp)" >&2
          exit 1
        }
      fi
      port=$(free_port)
      as_pg "$PG_BIN/initdb" -D "$dir/pg/data" -U tocsin --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$dir/pg/initdb.log" 2>&1
      # fsync off: a throw-away test cluster (doc/scale-out.md measures with the defaults).
      as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$dir/pg \
            -c fsync=${TOCSIN_PG_FSYNC:-off} -c max_connections=200" start >/dev/null
      as_pg "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U tocsin tocsin_test
      as_pg "$PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U tocsin -d tocsin_test \
        -c "CREATE EXTENSION postgis" >/dev/null
      echo "$port" >"$dir/pg/port"
      echo "export TOCSIN_TEST_PG=postgresql://tocsin@127.0.0.1:$port/tocsin_test"
    fi
    if command -v nats-server >/dev/null; then
      mkdir -p "$dir/nats"
      port=$(free_port)
      nats-server -js -sd "$dir/nats/store" -a 127.0.0.1 -p "$port" -l "$dir/nats/server.log" \
        </dev/null >/dev/null 2>&1 &
      echo $! >"$dir/nats/pid"
      for _ in $(seq 50); do
        grep -q "Server is ready" "$dir/nats/server.log" 2>/dev/null && break
        sleep 0.1
      done
      echo "export TOCSIN_TEST_NATS=nats://127.0.0.1:$port"
    fi
    ;;
  stop)
    [ -d "$dir" ] || exit 0
    if [ -d "$dir/pg/data" ]; then
      as_pg "$PG_BIN/pg_ctl" -D "$dir/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    fi
    if [ -f "$dir/nats/pid" ]; then
      kill "$(cat "$dir/nats/pid")" 2>/dev/null || true
      sleep 0.2
    fi
    rm -rf "$dir"
    ;;
  *) echo "usage: services.sh start|stop DIR" >&2; exit 2 ;;
esac
