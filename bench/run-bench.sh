#!/usr/bin/env bash
# Builds the bench module and runs one benchmark class of io.shardsql.bench. Usage: bench/run-bench.sh CLASS [options]
# (e.g. ShardBench, TxnBench, PlanningCost; run-shard-bench.sh and run-txn-bench.sh call this), or a fully
# qualified class. JVM options: BENCH_JAVA_OPTS.
set -euo pipefail
main="${1:?usage: run-bench.sh CLASS [options]}"
shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# One reactor build, so the classpath points at this checkout's module jars (nothing needs installing).
mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
# At least two common-pool threads (default: cores - 1), or Ratis starts a thread per async task (CommonPool).
cores="$(nproc)"
exec java -Xmx4g -Djava.util.concurrent.ForkJoinPool.common.parallelism=$(( cores > 2 ? cores - 1 : 2 )) ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" "$([[ "$main" == *.* ]] && echo "$main" || echo "io.shardsql.bench.$main")" "$@"
