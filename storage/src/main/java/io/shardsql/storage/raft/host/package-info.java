/**
 * Hosting a node's replicas: {@link io.shardsql.storage.raft.host.ReplicaHost} (one Ratis server, one division
 * per group), {@link io.shardsql.storage.raft.host.LeaderBalancer} (leaders move to preferred replicas),
 * {@link io.shardsql.storage.raft.host.FollowerWatch} (warns of silent followers) and
 * {@link io.shardsql.storage.raft.host.ReplicaRejoin} (a replica that lost its log rejoins as a new member).
 */
package io.shardsql.storage.raft.host;
