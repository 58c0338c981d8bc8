#!/usr/bin/env bash
# JDBC round trips, batch inserts and streamed reads on ShardSQL (our driver), H2 (TCP server) and PostgreSQL, side by side.
# Starts a throw-away PostgreSQL (Debian's package; installed if missing) on 127.0.0.1:54329, fsync on, and
# stops it afterwards. Usage: bench/run-jdbc-bench.sh [--seconds 10] [--rows 100000] [--clients 1,16]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$pgbin" ]]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
pgdata="$(mktemp -d /tmp/shardsql-bench-pg.XXXXXX)"
port=54329
as_pg() { if [[ "$(id -u)" == 0 ]]; then chown -R postgres "$pgdata"; runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$pgbin/initdb" -D "$pgdata" -A trust -U bench >/dev/null
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on" start >/dev/null
trap 'as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null || true; rm -rf "$pgdata"' EXIT
"$pgbin/createdb" -h 127.0.0.1 -p "$port" -U bench bench
"$here/run-bench.sh" JdbcBench --postgres "jdbc:postgresql://127.0.0.1:$port/bench?user=bench" "$@"
