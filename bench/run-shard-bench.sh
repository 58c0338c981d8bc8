#!/usr/bin/env bash
# Replicated shard writes/reads vs bare RocksDB. Usage: bench/run-shard-bench.sh [--seconds 10] [--warmup 5] [--writers 1,8,64] [--shards 1,4] [--replication 3]
exec "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" ShardBench "$@"
