/**
 * Benchmarks (run by hand, never as timed tests): {@link io.shardsql.bench.ShardBench} measures
 * replicated writes and linearizable reads through the shard client next to bare RocksDB.
 */
package io.shardsql.bench;
