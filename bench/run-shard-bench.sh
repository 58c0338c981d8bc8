#!/usr/bin/env bash
# Replicated shard writes/reads vs bare RocksDB. Usage: bench/run-shard-bench.sh [--seconds 10] [--warmup 5] [--writers 1,8,64] [--shards 1,4] [--replication 3]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
# One reactor build, so the classpath points at this checkout's module jars (nothing needs installing).
mvn -q -B -Dstyle.color=never -DskipTests -pl bench -am package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt >&2
exec java -Xmx4g ${BENCH_JAVA_OPTS:-} -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
  -cp "bench/target/classes:$(cat bench/target/classpath.txt)" io.shardsql.bench.ShardBench "$@"
