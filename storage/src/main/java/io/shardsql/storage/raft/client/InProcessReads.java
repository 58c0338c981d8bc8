package io.shardsql.storage.raft.client;


import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands read requests to a Ratis server in this process, as its own client would send them: they
 * pass the same leader checks (lease or ReadIndex, then waiting for the applied index) without going
 * through gRPC. Used for the reads of this node ({@link ShardClient}) and those other nodes forward
 * here ({@code peer.PeerReadServer}).
 *
 * <p>The request goes to the group's division itself, on the calling thread. The server's own entry
 * point would run it on Ratis' client executor and block the caller until that thread returned — for
 * a read within the leader's lease, until the whole read was done — so it only cost two thread
 * switches. Here the caller does the work it would have waited for; a read that must wait (a ReadIndex
 * round, the applied index catching up) completes later on Ratis' threads as before.
 */
public final class InProcessReads {
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();

    public CompletableFuture<RaftClientReply> submit(RaftServer server, RaftGroupId group, Message m,
            boolean leaderOnly) {
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(server.getId())
                .setGroupId(group)
                .setCallId(callIds.incrementAndGet())
                .setMessage(m)
                .setType(RaftClientRequest.readRequestType(leaderOnly))
                .build();
        try {
            return server.getDivision(group) instanceof RaftClientAsynchronousProtocol division
                    ? division.submitClientRequestAsync(request)
                    : server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
