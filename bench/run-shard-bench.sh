#!/usr/bin/env bash
# Replicated shard writes/reads vs bare RocksDB. Usage: bench/run-shard-bench.sh [--seconds 10] [--writers 1,8,64] [--shards 1,4]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
mvn -q -B -DskipTests package
cp="$(mvn -q -B -pl bench dependency:build-classpath -Dmdep.outputFile=/dev/stdout)"
exec java -Xmx4g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "bench/target/classes:$cp" io.shardsql.bench.ShardBench "$@"
