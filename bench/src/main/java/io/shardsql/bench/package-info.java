/**
 * Benchmarks (run by hand, never as timed tests): {@link io.shardsql.bench.ShardBench} measures
 * replicated writes and linearizable reads through the shard client next to bare RocksDB;
 * {@link io.shardsql.bench.TxnBench} measures transaction commits on one and several shards next to
 * the physical floor (a 4 KiB write + fdatasync, a loopback round trip).
 */
package io.shardsql.bench;
