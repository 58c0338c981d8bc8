/**
 * Clients of the groups: {@link io.shardsql.storage.raft.client.ClusterClient} (every group of a cluster, keys
 * placed by the shard map) and {@link io.shardsql.storage.raft.client.ShardClient} (one group: writes batched
 * by {@link io.shardsql.storage.raft.client.WriteBatcher}, linearizable reads served by the leader in this
 * process through {@link io.shardsql.storage.raft.client.InProcessReads}, on its node's read port, or
 * through Ratis' client).
 */
package io.shardsql.storage.raft.client;
