#!/usr/bin/env bash
# BenchBase (cmu-db/benchbase, built outside this repository: bench/benchbase.md) against ShardSQL and
# PostgreSQL in one run, with BenchBase's own PostgreSQL DDL and statements, and the ratios printed.
#
# Usage: bench/run-benchbase.sh --benchbase DIR [--workloads ycsb-c,ycsb-b,ycsb-a,tpcc] [--terminals 4]
#            [--seconds 60] [--isolation REPEATABLE_READ|SERIALIZABLE] [--ycsb-scale 10] [--warehouses 1]
#            [--targets shardsql,postgres] [--out DIR]
#   DIR is BenchBase's unpacked postgres build (the directory with benchbase.jar and lib/).
#   JAVA_FOR_BENCHBASE: a JDK >= 23 for BenchBase (default: the newest under /usr/lib/jvm).
#
# ShardSQL runs as `bin/shardsql start` gives it (three nodes in one JVM, TLS between them) in a fresh data
# directory; PostgreSQL is Debian's package (installed if missing), fsync and synchronous commit on. Each
# workload is loaded, then executed; CPU per request is the server's user + system time from /proc over
# the execute phase (ShardSQL's JVM; PostgreSQL's postmaster and backends, exited ones included) divided
# by the requests BenchBase measured.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
benchbase="" workloads="ycsb-c,ycsb-b,ycsb-a" terminals=4 seconds=60 isolation=REPEATABLE_READ
ycsb_scale=10 warehouses=1 targets="shardsql,postgres" out=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --benchbase) benchbase="$2"; shift 2 ;;
    --workloads) workloads="$2"; shift 2 ;;
    --terminals) terminals="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --isolation) isolation="$2"; shift 2 ;;
    --ycsb-scale) ycsb_scale="$2"; shift 2 ;;
    --warehouses) warehouses="$2"; shift 2 ;;
    --targets) targets="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[[ -f "$benchbase/benchbase.jar" ]] || { echo "--benchbase DIR must hold benchbase.jar (see bench/benchbase.md)" >&2; exit 2; }
java_bb="${JAVA_FOR_BENCHBASE:-$(ls -d /usr/lib/jvm/*/bin/java 2>/dev/null | sort -V | tail -1)}"
out="${out:-$(mktemp -d /tmp/shardsql-benchbase.XXXXXX)}"
mkdir -p "$out"
ticks="$(getconf CLK_TCK)"

# --- ShardSQL: built if needed, started in a fresh data directory ---
port=19470 password="benchbase-$RANDOM$RANDOM"
driver_jar="$(ls "$here"/jdbc-driver/target/shardsql-jdbc-*.jar 2>/dev/null | grep -v original | head -1 || true)"
if [[ -z "$driver_jar" || ! -d "$here/cli/target/lib" ]]; then
  (cd "$here" && mvn -q -B -Dstyle.color=never -DskipTests package) >&2
  driver_jar="$(ls "$here"/jdbc-driver/target/shardsql-jdbc-*.jar | grep -v original | head -1)"
fi
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do while kill -0 "$p" 2>/dev/null; do sleep 0.2; done; done
  [[ -n "${pgdata:-}" ]] && { as_pg "$pgbin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1 || true; rm -rf "$pgdata"; }
  [[ -n "${sdata:-}" ]] && rm -rf "$sdata"
}
trap cleanup EXIT
as_pg() { if [[ "$(id -u)" == 0 ]]; then chown -R postgres "$pgdata"; runuser -u postgres -- "$@"; else "$@"; fi; }
if [[ ",$targets," == *",shardsql,"* ]]; then
  sdata="$(mktemp -d /tmp/shardsql-benchbase-data.XXXXXX)"
  "$here/bin/shardsql" start --data-dir "$sdata" --port "$port" --admin-password "$password" > "$out/shardsql.out" 2>&1 &
  shardsql_pid=$! # bin/shardsql execs the JVM
  pids+=("$shardsql_pid")
  for _ in $(seq 1 120); do grep -q "ShardSQL ready" "$out/shardsql.out" && break; sleep 1; done
  grep -q "ShardSQL ready" "$out/shardsql.out" || { cat "$out/shardsql.out" >&2; exit 1; }
fi

# --- PostgreSQL: a throw-away cluster on loopback ---
pgport=54339 # not run-jdbc-bench.sh's 54329: both may run at once
if [[ ",$targets," == *",postgres,"* ]]; then
  pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
  if [[ -z "$pgbin" ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  fi
  pgdata="$(mktemp -d /tmp/shardsql-benchbase-pg.XXXXXX)"
  as_pg "$pgbin/initdb" -D "$pgdata" -A trust -U bench >/dev/null
  as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/log" -w -o "-p $pgport -k $pgdata -c listen_addresses=127.0.0.1 \
    -c fsync=on -c synchronous_commit=on -c max_connections=200" start >/dev/null
  "$pgbin/createdb" -h 127.0.0.1 -p "$pgport" -U bench benchbase
  postmaster_pid="$(head -1 "$pgdata/postmaster.pid")"
fi

# CPU ticks (user + system) the target's server processes have used so far.
cpu_ticks() {
  if [[ "$1" == shardsql ]]; then
    awk '{print $14 + $15}' "/proc/$shardsql_pid/stat"
  else # the postmaster, the children it reaped, and its live children
    local total
    total="$(awk '{print $14 + $15 + $16 + $17}' "/proc/$postmaster_pid/stat")"
    for c in $(pgrep -P "$postmaster_pid"); do
      total=$(( total + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0) ))
    done
    echo "$total"
  fi
}

config_for() { # target workload -> config file
  local target="$1" workload="$2" scale url drv user pw
  if [[ "$workload" == tpcc ]]; then scale="$warehouses"; else scale="$ycsb_scale"; fi
  if [[ "$target" == shardsql ]]; then
    url="jdbc:shardsql://127.0.0.1:$port/" drv=io.shardsql.jdbc.Driver user=admin pw="$password"
  else
    url="jdbc:postgresql://127.0.0.1:$pgport/benchbase?sslmode=disable\&amp;reWriteBatchedInserts=true"
    drv=org.postgresql.Driver user=bench pw=""
  fi
  sed -e "s#@DRIVER@#$drv#" -e "s#@URL@#$url#" -e "s#@USER@#$user#" -e "s#@PASSWORD@#$pw#" \
      -e "s#@ISOLATION@#$isolation#" -e "s#@SCALE@#$scale#" -e "s#@TERMINALS@#$terminals#" \
      -e "s#@SECONDS@#$seconds#" "$here/bench/benchbase/$workload.xml" > "$out/$target-$workload.xml"
  echo "$out/$target-$workload.xml"
}

benchbase_run() { # target workload phase-flags... ; BenchBase's output goes to a log in $out
  local target="$1" workload="$2"; shift 2
  local bench="${workload%%-*}"
  (cd "$benchbase" && "$java_bb" -cp "benchbase.jar:lib/*:$driver_jar" com.oltpbenchmark.DBWorkload \
      -b "$bench" -c "$(config_for "$target" "$workload")" -d "$out/results-$target-$workload" "$@") \
      >> "$out/$target-$workload.log" 2>&1
}

results="$out/results.tsv"
: > "$results"
for workload in ${workloads//,/ }; do
  for target in ${targets//,/ }; do
    echo "== $workload on $target: loading" >&2
    load_start=$(date +%s.%N)
    if ! benchbase_run "$target" "$workload" --create=true --load=true --execute=false; then
      echo "$workload	$target	load-failed	-	-	-	-	-" >> "$results"; continue
    fi
    load_s=$(awk "BEGIN { print $(date +%s.%N) - $load_start }")
    echo "== $workload on $target: executing for ${seconds}s with $terminals terminals" >&2
    before=$(cpu_ticks "$target")
    if ! benchbase_run "$target" "$workload" --execute=true; then
      echo "$workload	$target	run-failed	-	-	-	-	$load_s" >> "$results"; continue
    fi
    after=$(cpu_ticks "$target")
    python3 - "$out/results-$target-$workload" "$workload" "$target" "$(( after - before ))" "$ticks" "$load_s" \
        >> "$results" <<'EOF'
import glob, json, sys
folder, workload, target, cpu_ticks, hz, load_s = sys.argv[1:]
summary = json.load(open(sorted(glob.glob(folder + "/*.summary.json"))[-1]))
requests = summary["Measured Requests"]
lat = summary["Latency Distribution"]
cpu_us = int(cpu_ticks) / int(hz) * 1e6 / max(requests, 1)
print("\t".join([workload, target, "%.0f" % summary["Throughput (requests/second)"],
                 "%.2f" % (lat["Median Latency (microseconds)"] / 1000), "%.2f" % (lat["99th Percentile Latency (microseconds)"] / 1000),
                 "%.0f" % cpu_us, str(requests), "%.1f" % float(load_s)]))
EOF
  done
done

python3 - "$results" "$terminals" "$isolation" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print(f"\nBenchBase, {sys.argv[2]} terminals, {sys.argv[3]}\n")
print("| workload | target | req/s | median ms | p99 ms | server CPU µs/req | requests | load s |")
print("|---|---|---:|---:|---:|---:|---:|---:|")
for r in rows:
    print("| " + " | ".join(r) + " |")
by = {(r[0], r[1]): r for r in rows}
print("\n| workload | ShardSQL / PostgreSQL req/s | CPU per request, ShardSQL / PostgreSQL |")
print("|---|---:|---:|")
for w in dict.fromkeys(r[0] for r in rows):
    s, p = by.get((w, "shardsql")), by.get((w, "postgres"))
    if s and p and s[2].replace(".", "").isdigit() and p[2].replace(".", "").isdigit():
        print(f"| {w} | {float(s[2]) / float(p[2]):.2f}× | {float(s[5]) / max(float(p[5]), 1):.1f}× |")
EOF
echo "(BenchBase logs and results: $out)" >&2
