/**
 * Replication of stores with Apache Ratis: one Raft group per shard (and one for {@code control}).
 *
 * <pre>
 *  ClusterClient ──(ShardMap: key → shard)──► ShardClient ──(WriteBatcher: group commit, pipelining)──►
 *      Ratis client ──► leader ──► log (fsync, majority) ──► ShardStateMachine.applyTransaction
 *                                                              └─► CommandApplier ─► MvccBatch (+ applied index)
 *  reads: ShardClient.query ──► leader in this process (LocalReplicas, InProcessReads; no gRPC)
 *                          └─► leader on another node: PeerReadClient ──TCP──► PeerReadServer ─► InProcessReads
 *                              (a point read whose caller waits, ShardClient.queryWaiting: BlockingPeerReads,
 *                               the caller's own pooled socket to the same PeerReadServer)
 *                          └─► otherwise, or not served there: Ratis client (gRPC)
 *             ──► lease or ReadIndex ──► ShardStateMachine.query ──► QueryExecutor (scan filters: ScanFilters) ─► MvccStore
 * </pre>
 *
 * Commands, queries and replies are sealed families of records ({@link io.shardsql.storage.raft.ShardCommand},
 * {@link io.shardsql.storage.raft.ShardQuery}, {@link io.shardsql.storage.raft.ShardReply}) with one
 * binary codec ({@link io.shardsql.storage.raft.ShardCodec}). Snapshots are storage checkpoints with a
 * checksummed manifest ({@code CheckpointSnapshots}). On each node, {@code LeaderBalancer} hands groups
 * to their preferred replicas and {@code FollowerWatch} warns about followers that stopped answering
 * their leader.
 */
package io.shardsql.storage.raft;
