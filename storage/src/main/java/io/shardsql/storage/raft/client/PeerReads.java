package io.shardsql.storage.raft.client;

import io.shardsql.storage.raft.command.ShardReply;

import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;

import java.util.concurrent.CompletableFuture;

/**
 * Reads sent straight to the node that leads a group, over a plain connection instead of Ratis'
 * gRPC client ({@link PeerReadClient}). An answer is the leader's own in-process answer; anything
 * else is "not served" (no connection yet, the peer does not lead the group, the connection broke),
 * perhaps with the leader the peer knows, and the caller asks through Ratis' client.
 */
public interface PeerReads {
    /** The encoded {@link ShardReply} ({@code reply}), or none and the leader the peer knows ({@code null} if none). */
    record Answer(byte[] reply, RaftPeerId knownLeader) {
        public static final Answer NOT_SERVED = new Answer(null, null);

        public boolean served() { return reply != null; }
    }

    /** No peer is reachable this way: every read goes through Ratis' client. */
    PeerReads NONE = new PeerReads() {
        @Override
        public boolean reaches(RaftPeerId peer) { return false; }

        @Override
        public CompletableFuture<Answer> read(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
            return CompletableFuture.completedFuture(Answer.NOT_SERVED);
        }

        @Override
        public Answer readWaiting(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
            return Answer.NOT_SERVED;
        }
    };

    /** Whether {@code peer} serves reads this way. */
    boolean reaches(RaftPeerId peer);

    /** {@code peer}'s answer to {@code query} for {@code group}; never fails. */
    CompletableFuture<Answer> read(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query);

    /** {@link #read}, for a caller that waits for the answer: it may do the I/O on the calling thread. */
    Answer readWaiting(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query);
}
