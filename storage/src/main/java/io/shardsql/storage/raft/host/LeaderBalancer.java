package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.RaftSettings;

import io.shardsql.storage.raft.GroupName;

import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each group's leadership to its preferred replica (the first replica in the shard map's layout),
 * so that leaders spread over the nodes as the layout spreads replicas, instead of wherever elections
 * happened to leave them.
 *
 * <p>Every node runs one, and it acts only for the groups this node leads: a leader gives its
 * leadership to the preferred replica when that replica
 * <ul>
 *   <li>is alive: it answered this leader within the last {@code aliveWithin} (Ratis' heartbeats come
 *       every half election timeout, so a live follower never looks older than that), and</li>
 *   <li>has kept answering for at least {@code settle}, as seen by this balancer's passes, and</li>
 *   <li>is caught up: its commit index is at most {@code maxLag} entries behind the leader's, so the
 *       transfer needs at most one more append round,</li>
 * </ul>
 * and the leader has led for at least {@code settle} (a group that has just elected a leader is left to
 * settle). These two checks are what Ratis' own priority-based yielding lacks (docs/decisions.md,
 * "Placement"): it hands leadership to an up-to-date follower without asking whether it is alive, and
 * refuses writes while it waits.
 *
 * <p>A leader refuses writes while it transfers (clients retry {@code LeaderSteppingDownException}), so a
 * transfer is given {@code transferTimeout} at most; a group whose transfer failed waits
 * {@code backoff}, doubling up to 32×, before the next attempt, so a replica that looks healthy but
 * cannot win an election costs a short pause now and then, never a stall.
 */
public final class LeaderBalancer implements AutoCloseable {
    /** How Ratis names a transfer that ran out of time (its pending request is cleared then). */
    private static final String TIMED_OUT = "TIMED_OUT";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderBalancer.class);
    private static final int MAX_BACKOFF_DOUBLINGS = 5;

    /** When a leader hands over, and for how long it waits for the transfer. */
    public record Policy(Duration interval, Duration settle, Duration aliveWithin, long maxLag,
                         Duration transferTimeout, Duration backoff) {
        /** The policy for a node whose elections time out after {@code electionMin}–{@code electionMax}. */
        public static Policy forElectionTimeouts(Duration interval, Duration electionMin, Duration electionMax) {
            return new Policy(interval, electionMax, electionMin, 100, electionMin, interval.multipliedBy(4));
        }

        /** The policy a node's replication settings give. */
        public static Policy of(RaftSettings settings) {
            return forElectionTimeouts(settings.leaderBalanceInterval(), settings.electionTimeoutMin(),
                    settings.electionTimeoutMax());
        }
    }

    /** What a leader knows of one follower: how long ago it last answered, and its commit index. */
    record FollowerView(RaftPeerId id, long lastAnsweredMillisAgo, long commitIndex) {
    }

    private final ReplicaHost host;
    private final Map<RaftGroupId, RaftPeerId> preferred;
    private final Policy policy;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Map<RaftGroupId, Attempts> attempts = new HashMap<>();
    private final Map<RaftGroupId, Long> answeringSince = new ConcurrentHashMap<>();
    private final AtomicLong transfers = new AtomicLong();
    private ScheduledExecutorService scheduler;

    /** Failed transfers of one group in a row, and when the next may start. */
    private record Attempts(int failures, long notBeforeMillis) {
    }

    /**
     * @param preferred for each group this node hosts, the replica that should lead it
     */
    public LeaderBalancer(ReplicaHost host, Map<RaftGroupId, RaftPeerId> preferred, Policy policy) {
        this.host = host;
        this.preferred = Map.copyOf(preferred);
        this.policy = policy;
    }

    /** Checks every {@link Policy#interval} on a thread of its own; a zero (or negative) interval turns it off. */
    public synchronized LeaderBalancer start() {
        if (policy.interval().isZero() || policy.interval().isNegative() || scheduler != null) return this;
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, host.id() + "-leader-balancer");
            t.setDaemon(true);
            return t;
        });
        long every = policy.interval().toMillis();
        scheduler.scheduleWithFixedDelay(this::runOnceQuietly, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Leadership transfers this balancer has started. */
    public long transfersStarted() {
        return transfers.get();
    }

    private void runOnceQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            LOG.warn("{}: leader balancing failed", host.id(), e);
        }
    }

    /** One pass over the groups this node leads; starts the transfers that are due. */
    void runOnce() {
        RaftServer server = host.server();
        if (server == null) return;
        for (Map.Entry<RaftGroupId, RaftPeerId> e : preferred.entrySet()) {
            RaftGroupId group = e.getKey();
            RaftPeerId target = e.getValue();
            if (target.equals(host.id())) continue;
            RaftServer.Division division;
            try {
                division = server.getDivision(group);
            } catch (IOException notHere) {
                continue;
            }
            if (!division.getInfo().isLeader()) {
                answeringSince.remove(group);
                continue;
            }
            RoleInfoProto role = division.getInfo().getRoleInfoProto();
            Optional<FollowerView> follower = followerView(role, division.getCommitInfos(), target);
            long answeringFor = answeringFor(group, follower);
            if (due(group) && shouldTransfer(policy, role.getRoleElapsedTimeMs(), answeringFor,
                    division.getRaftLog().getLastCommittedIndex(), follower)) {
                transfer(server, group, target);
            }
        }
    }

    /**
     * How long the target has answered this leader without a gap of {@code aliveWithin}, as far as the
     * passes of this balancer saw. What a leader knows of a follower outlives the follower's restart (its
     * commit index is the one from before), so a follower that has just come back must first answer for
     * {@code settle} before it counts as caught up.
     */
    private long answeringFor(RaftGroupId group, Optional<FollowerView> follower) {
        long now = monotonicMillis();
        if (follower.isEmpty() || follower.get().lastAnsweredMillisAgo() >= policy.aliveWithin().toMillis()) {
            answeringSince.remove(group);
            return 0;
        }
        return now - answeringSince.computeIfAbsent(group, g -> now);
    }

    /**
     * Whether a leader that has led for {@code leadingMillis} should hand over to {@code follower}, which
     * has answered it for {@code answeringMillis} without a gap.
     */
    static boolean shouldTransfer(Policy policy, long leadingMillis, long answeringMillis, long leaderCommit,
                                  Optional<FollowerView> follower) {
        long settle = policy.settle().toMillis();
        if (leadingMillis < settle || answeringMillis < settle || follower.isEmpty()) return false;
        FollowerView f = follower.get();
        return f.lastAnsweredMillisAgo() < policy.aliveWithin().toMillis()
                && leaderCommit - f.commitIndex() <= policy.maxLag();
    }

    /** {@code target} as the leader sees it: from its role report (last answer) and its commit infos. */
    static Optional<FollowerView> followerView(RoleInfoProto role, Iterable<CommitInfoProto> commits,
            RaftPeerId target) {
        if (!role.hasLeaderInfo()) return Optional.empty();
        Optional<Long> answered = role.getLeaderInfo().getFollowerInfoList().stream()
                .filter(f -> RaftPeerId.valueOf(f.getId().getId()).equals(target))
                .map(ServerRpcProto::getLastRpcElapsedTimeMs)
                .findFirst();
        if (answered.isEmpty()) return Optional.empty();
        for (CommitInfoProto c : commits) {
            if (RaftPeerId.valueOf(c.getServer().getId()).equals(target)) {
                return Optional.of(new FollowerView(target, answered.get(), c.getCommitIndex()));
            }
        }
        return Optional.empty();
    }

    private synchronized boolean due(RaftGroupId group) {
        Attempts a = attempts.get(group);
        return a == null || monotonicMillis() >= a.notBeforeMillis();
    }

    private void transfer(RaftServer server, RaftGroupId group, RaftPeerId target) {
        LOG.info("{}: handing leadership of {} to its preferred replica {}", host.id(), GroupName.of(group), target);
        transfers.incrementAndGet();
        inFlight(group);
        TransferLeadershipRequest request = new TransferLeadershipRequest(clientId, host.id(), group,
                callIds.incrementAndGet(), target, policy.transferTimeout().toMillis());
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = server.transferLeadershipAsync(request);
        } catch (IOException e) {
            LOG.info("{}: could not start the transfer of {} to {}: {}", host.id(), GroupName.of(group), target,
                    e.toString());
            record(group, false);
            return;
        }
        reply.whenComplete((r, error) -> {
            boolean done = error == null && r.isSuccess();
            if (!done) {
                String why = String.valueOf(error != null ? error : r.getException());
                LOG.info("{}: transfer of {} to {} did not complete: {}", host.id(), GroupName.of(group), target, why);
                if (!why.contains(TIMED_OUT)) stepDownIfStillLeading(server, group);
            }
            record(group, done);
        });
    }

    /**
     * Ratis 3.3 leaves a leader "stepping down" for good — refusing every write with
     * {@code LeaderSteppingDownException} until another election — when a transfer fails at once (the
     * transferee unreachable: {@code COMPLETED_EXCEPTIONALLY}; or {@code LAST_ENTRY_CHANGED}, a missing
     * appender): its {@code TransferLeadership.start} completes the request without clearing it, and only a
     * newly elected leader clears it. A transfer that timed out is cleared. So after such a failure a leader
     * that still leads steps down: one election, instead of a group that takes no write.
     */
    private void stepDownIfStillLeading(RaftServer server, RaftGroupId group) {
        try {
            if (!server.getDivision(group).getInfo().isLeader()) return;
            LOG.warn("{}: stepping down as leader of {} so that a failed transfer does not leave it refusing writes",
                    host.id(), GroupName.of(group));
            server.transferLeadershipAsync(new TransferLeadershipRequest(clientId, host.id(), group,
                    callIds.incrementAndGet(), null, policy.transferTimeout().toMillis()));
        } catch (IOException | RuntimeException e) {
            LOG.info("{}: could not step down as leader of {}: {}", host.id(), GroupName.of(group), e.toString());
        }
    }

    /** A group whose transfer is under way is not looked at until it ends (or surely timed out). */
    private synchronized void inFlight(RaftGroupId group) {
        Attempts before = attempts.get(group);
        long bound = monotonicMillis() + policy.transferTimeout().toMillis() * 4 + policy.backoff().toMillis();
        attempts.put(group, new Attempts(before == null ? 0 : before.failures(), bound));
    }

    /** A group that moved waits {@code backoff}; one that failed waits twice as long for each failure in a row. */
    private synchronized void record(RaftGroupId group, boolean succeeded) {
        Attempts before = attempts.get(group);
        int failures = succeeded ? 0 : Math.min(MAX_BACKOFF_DOUBLINGS, before == null ? 1 : before.failures() + 1);
        long wait = policy.backoff().toMillis() << failures;
        attempts.put(group, new Attempts(failures, monotonicMillis() + wait));
    }

    @Override
    public synchronized void close() {
        if (scheduler == null) return;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        scheduler = null;
    }

    /** Milliseconds on the monotonic clock: elapsed times and backoffs must not follow a wall-clock jump. */
    private static long monotonicMillis() {
        return System.nanoTime() / 1_000_000;
    }
}
