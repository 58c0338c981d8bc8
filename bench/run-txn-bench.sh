#!/usr/bin/env bash
# Transaction commits on 1, 2, 4 shards vs the fsync and loopback floor. Usage: bench/run-txn-bench.sh [--seconds 10] [--warmup 5] [--clients 1,32] [--shards-per-txn 1,2,4] [--shards 4] [--replication 3] [--skip-floor]
exec "$(dirname "${BASH_SOURCE[0]}")/run-bench.sh" TxnBench "$@"
