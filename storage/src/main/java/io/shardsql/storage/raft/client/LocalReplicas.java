package io.shardsql.storage.raft.client;

import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * The replicas in this process, as a {@link ShardClient} sees them: a read for a group whose leader
 * is here goes straight to that server, without a network round trip (it still passes Ratis' leader
 * checks: the leader's lease, or a ReadIndex round, and waiting for the applied index).
 */
@FunctionalInterface
public interface LocalReplicas {
    /** No replicas in this process: every request goes over the network. */
    LocalReplicas NONE = group -> null;

    /** The server in this process whose replica of {@code group} leads it and is ready to serve; otherwise null. */
    RaftServer leaderOf(RaftGroupId group);

    /** The leader of {@code group} as this process' replica of it knows it; null if it has none or knows no leader. */
    default RaftPeerId leaderIdOf(RaftGroupId group) {
        return null;
    }
}
