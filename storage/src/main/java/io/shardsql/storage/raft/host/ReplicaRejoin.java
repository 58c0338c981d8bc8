package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.GroupName;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings back a replica that had to discard its state and its log (damaged files). The host set its
 * directory aside before Ratis started ({@link PendingRejoins}), so it has no division and cannot vote.
 * Through the other replicas, it is first removed from its group's configuration; only once that is
 * committed is its division started again — outside the configuration, so in Ratis' initializing state
 * (no elections, no votes) — and added back. The leader treats it as a new member: it stages it, catches
 * it up (log replay or snapshot install) and only then commits the configuration that counts it.
 *
 * <pre>
 *   conf {A, B, W}  ──remove W──►  conf {A, B}  ──start W's division──►  ──add W──►  conf {A, B, W}
 *   (W set aside: no division)                  (initializing, no votes)   (staged, caught up, then voting)
 * </pre>
 *
 * Removing W needs a majority of both {A, B, W} without W and of {A, B}: both others. Until they are
 * both up it retries (with backoff); the node's other replicas are not held up meanwhile.
 */
public final class ReplicaRejoin implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaRejoin.class);

    private final RaftGroup group;
    private final RaftPeerId self;
    private final RaftProperties properties;
    private final RaftServer server;
    private final PendingRejoins pending;
    private final AtomicLong callIds = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean rejoined;

    ReplicaRejoin(RaftGroup group, RaftPeerId self, RaftProperties properties, RaftServer server,
            PendingRejoins pending) {
        this.group = group;
        this.self = self;
        this.properties = properties;
        this.server = server;
        this.pending = pending;
    }

    void stop() { stopped = true; }

    RaftGroupId group() { return group.getGroupId(); }

    /** True once the replica is back in its group's configuration. */
    boolean rejoined() { return rejoined; }

    @Override
    public void run() {
        List<RaftPeer> all = new ArrayList<>(group.getPeers());
        List<RaftPeer> others = all.stream().filter(p -> !p.getId().equals(self)).toList();
        String name = GroupName.of(group.getGroupId()).toString();
        long backoff = 200;
        while (!stopped) {
            try (RaftClient client = RaftClient.newBuilder().setRaftGroup(RaftGroup.valueOf(group.getGroupId(), others))
                    .setProperties(properties).build()) {
                check(client.admin().setConfiguration(others), "leave");
                LOG.info("{}: replica of {} is out of its configuration; starting it as a new member", self, name);
                startDivision(others);
                check(client.admin().setConfiguration(all), "add");
                pending.done(group.getGroupId());
                rejoined = true;
                LOG.info("{}: replica of {} rejoined its group after the leader brought it up to date", self, name);
                return;
            } catch (IOException | RuntimeException e) {
                if (stopped) return;
                LOG.warn("{}: rejoining {} failed ({}); retrying", self, name, e.toString());
                try {
                    Thread.sleep(backoff); // retry backoff while the others cannot yet change the configuration
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
    }

    /** Puts the replica's directory back and starts its division with the others' configuration. */
    private void startDivision(List<RaftPeer> others) throws IOException {
        for (var gid : server.getGroupIds()) {
            if (gid.equals(group.getGroupId())) return; // started by an earlier attempt
        }
        boolean existing = pending.putBack(group.getGroupId());
        RaftClientReply reply = server.groupManagement(GroupManagementRequest.newAdd(ClientId.randomId(), self,
                callIds.incrementAndGet(), RaftGroup.valueOf(group.getGroupId(), others), !existing));
        check(reply, "start");
    }

    private static void check(RaftClientReply reply, String step) throws IOException {
        if (!reply.isSuccess()) throw new IOException(step + " failed: " + reply.getException());
    }
}
