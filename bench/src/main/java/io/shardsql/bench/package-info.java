/**
 * Benchmarks (run by hand, never as timed tests): {@link io.shardsql.bench.ShardBench} measures
 * replicated writes and linearizable reads through the shard client next to bare RocksDB;
 * {@link io.shardsql.bench.TxnBench} measures transaction commits on one and several shards next to
 * the physical floor (a 4 KiB write + fdatasync, a loopback round trip); {@link io.shardsql.bench.PlanningCost}
 * measures the SQL engine's planning and binding without storage, through its public
 * {@link io.shardsql.sql.exec.PlanningProbe}.
 */
package io.shardsql.bench;
