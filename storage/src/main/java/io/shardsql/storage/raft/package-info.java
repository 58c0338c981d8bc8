/**
 * Replication of stores with Apache Ratis: one Raft group per shard, per coordinator and for
 * {@code control}. This package holds what every part shares — group names ({@link GroupName}), the
 * shard map ({@link ShardMap}) and the replication settings ({@link RaftSettings}: typed keys turned
 * into Ratis properties) — and its sub-packages hold one part each:
 *
 * <pre>
 *  client   ClusterClient ──(ShardMap: key → shard)──► ShardClient ──(WriteBatcher)──► Ratis client ──► leader
 *  host     ReplicaHost: one Ratis server per node, one division per group; LeaderBalancer, FollowerWatch,
 *           ReplicaRejoin
 *  machine  ShardStateMachine.applyTransaction ──► CommandApplier ─► MvccBatch (+ applied index)
 *                                               └─► GroupExtension (txn's decisions and timestamps, ...)
 *           ShardStateMachine.query ──► QueryExecutor (ScanFilters) ─► MvccStore
 *           CheckpointSnapshots: Ratis snapshots as store checkpoints
 *  command  the log's vocabulary: ShardCommand, ShardQuery, ShardReply (sealed families of records)
 *           and their binary codec; layers above add their own commands as ShardCommand.Extension
 *  peer     reads forwarded to the leader's node over a plain TCP read port (PeerReadClient,
 *           BlockingPeerReads ──TCP──► PeerReadServer ─► InProcessReads)
 * </pre>
 *
 * <p>Dependencies between the sub-packages point one way: {@code command} depends on nothing here;
 * {@code machine} and {@code client} on {@code command}; {@code peer} on {@code client}; {@code host}
 * on all of them. Storage knows logs, replicas, versions and locks; what a transaction decision or a
 * timestamp means is the transaction layer's, plugged in as a {@code machine.GroupExtension}.
 */
package io.shardsql.storage.raft;
