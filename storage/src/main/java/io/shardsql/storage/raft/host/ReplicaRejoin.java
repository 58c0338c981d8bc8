package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.GroupName;

import org.apache.ratis.client.RaftClient;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

    /** Bounded, so a call the leader keeps refusing surfaces and the whole rejoin is retried. */
    private static final RetryPolicy CALL_RETRIES =
            RetryPolicies.retryUpToMaximumCountWithFixedSleep(20, TimeDuration.valueOf(500, TimeUnit.MILLISECONDS));
    private static final TimeDuration CONF_WAIT = TimeDuration.valueOf(30, TimeUnit.SECONDS);
    /** How long a removed replica may still have a log appender at the leader before it hands over. */
    private static final long STALE_APPENDER = TimeUnit.SECONDS.toNanos(3);
    private static final long HAND_OVER_MS = 10_000;

    private final RaftGroup group;
    private final RaftPeerId self;
    private final RaftProperties properties;
    private final Parameters parameters;
    private final RaftServer server;
    private final PendingRejoins pending;
    private final AtomicLong callIds = new AtomicLong();
    private volatile boolean stopped;
    private volatile boolean rejoined;

    ReplicaRejoin(RaftGroup group, RaftPeerId self, RaftProperties properties, Parameters parameters,
                  RaftServer server, PendingRejoins pending) {
        this.group = group;
        this.self = self;
        this.properties = properties;
        this.parameters = parameters;
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
                    .setProperties(properties).setParameters(parameters).setRetryPolicy(CALL_RETRIES).build()) {
                check(client.admin().setConfiguration(others), "leave");
                awaitStableConf(client, others, false);
                LOG.info("{}: replica of {} is out of its configuration; starting it as a new member", self, name);
                startDivision(others);
                check(client.admin().setConfiguration(all), "add");
                awaitStableConf(client, others, true);
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

    /**
     * Waits until a leader among {@code others} has a stable configuration (no joint old/new part) that
     * does or does not count this replica. Ratis answers a configuration change at once when the target
     * is already the new part of a joint configuration still being committed, and adding the replica back
     * fails while the leader still has a log appender for it: that too must be gone. A leader that finished
     * a removal begun by its predecessor keeps the removed peer's appender; it is asked to hand over its
     * leadership, and its successor starts with appenders for the configuration's members only.
     */
    private void awaitStableConf(RaftClient client, List<RaftPeer> others, boolean withSelf) throws IOException {
        long start = System.nanoTime();
        long handedOver = 0;
        while (!stopped && System.nanoTime() - start < CONF_WAIT.toLong(TimeUnit.NANOSECONDS)) {
            for (RaftPeer p : others) {
                Optional<Boolean> settled = settled(client, p, withSelf);
                if (settled.isEmpty()) continue; // not the leader, or not reachable
                if (settled.get()) return;
                long now = System.nanoTime();
                if (!withSelf && now - start > STALE_APPENDER && now - handedOver > STALE_APPENDER) {
                    handedOver = now;
                    handOver(client, p, others);
                }
            }
            try {
                Thread.sleep(100); // poll: the leader commits the configuration within a few heartbeats
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("no leader with a stable configuration " + (withSelf ? "with" : "without") + " " + self);
    }

    /**
     * Empty if {@code peer} is not a reachable leader; else whether its configuration is stable and (does
     * not) count this replica, with no log appender for it left when it does not.
     */
    private Optional<Boolean> settled(RaftClient client, RaftPeer peer, boolean withSelf) {
        try {
            GroupInfoReply info = client.getGroupManagementApi(peer.getId()).info(group.getGroupId());
            RoleInfoProto role = info.getRoleInfoProto();
            if (role.getRole() != RaftPeerRole.LEADER || info.getConf().isEmpty()) return Optional.empty();
            RaftConfigurationProto conf = info.getConf().get();
            boolean counted = conf.getPeersList().stream().anyMatch(x -> self.toByteString().equals(x.getId()));
            boolean appender = role.getLeaderInfo().getFollowerInfoList().stream()
                    .anyMatch(f -> self.toByteString().equals(f.getId().getId()));
            return Optional.of(conf.getOldPeersCount() == 0 && counted == withSelf && (withSelf || !appender));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void handOver(RaftClient client, RaftPeer leader, List<RaftPeer> others) {
        Optional<RaftPeer> to = others.stream().filter(o -> !o.getId().equals(leader.getId())).findFirst();
        if (to.isEmpty()) return;
        LOG.info("{}: leader {} of {} still replicates to this removed replica; handing its leadership to {}", self,
                leader.getId(), GroupName.of(group.getGroupId()), to.get().getId());
        try {
            client.admin().transferLeadership(to.get().getId(), HAND_OVER_MS);
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: handing over the leadership of {} failed ({})", self, GroupName.of(group.getGroupId()),
                    e.toString());
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
