#!/bin/bash
# A throwaway PostgreSQL cluster on a private port, as the postgres user (the server refuses root).
#   pgbench.sh init DIR   initdb into DIR (not recorded: it is the same on every host)
#   pgbench.sh run DIR    start the server, pgbench -i, 60 transactions from each of 4 clients, stop
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
dir=$2
port=${PGPORT_SAMPLE:-54329}
as_pg() { runuser -u postgres -- "$@"; }
case "$1" in
  init)
    chown postgres: "$dir"; chmod 0700 "$dir"
    as_pg "$bin/initdb" -D "$dir/data" -A trust -U postgres >/dev/null ;;
  run)
    trap 'as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1 || true' EXIT
    as_pg "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c shared_buffers=16MB" -w -l "$dir/log" start >/dev/null
    as_pg "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -i -s 1 -q postgres >/dev/null 2>&1
    as_pg "$bin/pgbench" -h 127.0.0.1 -p "$port" -U postgres -c 4 -j 2 -t 60 postgres >/dev/null
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    trap - EXIT ;;
  *) echo "usage: pgbench.sh init|run DIR" >&2; exit 2 ;;
esac
