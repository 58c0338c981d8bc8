package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.ReplicaFailures;
import io.shardsql.storage.raft.machine.ShardStateMachine;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.LeaderElectionManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Takes a replica whose storage failed out of its group and starts it again once its disk has room.
 *
 * <pre>
 *   RUNNING --storage failed--> (elections paused, stepped down, unapplied entries failed) STOPPED
 *   STOPPED --free space >= storage.restart-free.bytes: division closed, reopened on its files--> RUNNING
 * </pre>
 *
 * A stopped replica is like a crashed one to its peers: a majority with space goes on (electing a new
 * leader if it led), and nothing it acknowledged is lost — it acknowledged only what it had made durable,
 * and its log and store stay on disk. Started again, it recovers from them as after a restart (the
 * entry it could not apply is replayed) and catches up from the leader. One daemon thread does the work
 * (never a Ratis thread) and checks the free space every second while a replica is stopped.
 */
final class FailedReplicas implements ReplicaFailures, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FailedReplicas.class);

    private static final long STEP_DOWN_TIMEOUT_MS = 5_000;

    private final RaftPeerId id;
    private final Supplier<RaftServer> server;
    private final File storageDir;
    private final long restartFreeBytes;
    private final Map<RaftGroupId, State> replicas = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final ScheduledExecutorService runs;

    /**
     * A failed replica: being taken out ({@code group} null), or out and waiting for space and for
     * {@code notBeforeNanos}.
     */
    private record State(RaftGroup group, long notBeforeNanos) {}

    /** When each group's replica was last started again, and how many times in a row it failed soon after. */
    private final Map<RaftGroupId, long[]> restarts = new ConcurrentHashMap<>();

    FailedReplicas(RaftPeerId id, Supplier<RaftServer> server, File storageDir, long restartFreeBytes) {
        this.id = id;
        this.server = server;
        this.storageDir = storageDir;
        this.restartFreeBytes = restartFreeBytes;
        this.runs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, id + "-failed-replicas");
            t.setDaemon(true);
            return t;
        });
        runs.scheduleWithFixedDelay(this::restartWhereThereIsRoom, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void storageFailed(RaftGroupId group, Throwable cause) {
        if (replicas.putIfAbsent(group, new State(null, 0)) != null) return; // already being handled
        runs.execute(() -> takeOut(group));
    }

    /** Replicas stopped and not yet started again (tests, status). */
    int stopped() {
        return replicas.size();
    }

    /**
     * Stops the failed replica where it stands: it may start no election (so it never leads while its
     * storage is failed), steps down if it leads (Ratis sends its pending clients to the new leader, whose
     * retry cache answers them), and fails the entries it left unapplied. It stays in the server as a
     * follower that cannot keep up — to its peers a lagging replica, to clients one that redirects to the
     * leader (a replica removed from the server would answer "no such group", which makes Ratis' client give
     * up on every peer).
     */
    private void takeOut(RaftGroupId group) {
        RaftServer s = server.get();
        if (s == null) return;
        try {
            RaftServer.Division d = s.getDivision(group);
            RaftGroup g = d.getGroup();
            RaftClientReply paused = s.leaderElectionManagement(LeaderElectionManagementRequest.newPause(
                    ClientId.randomId(), id, group, callIds.incrementAndGet()));
            if (!paused.isSuccess()) throw new IOException(String.valueOf(paused.getException()));
            if (d.getInfo().isLeader()) {
                s.transferLeadership(new TransferLeadershipRequest(ClientId.randomId(), id, group,
                        callIds.incrementAndGet(), null, STEP_DOWN_TIMEOUT_MS));
            }
            ((ShardStateMachine) d.getStateMachine()).releaseUnapplied();
            replicas.put(group, new State(g, System.nanoTime() + backoffNanos(group)));
            LOG.warn("{}: replica of {} stopped after a storage failure; it starts again on its files when {} "
                    + "has {} MB free", id, GroupName.of(group), storageDir, restartFreeBytes >> 20);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not stop the failed replica of {} (retrying): {}", id, GroupName.of(group),
                    e.toString());
            runs.schedule(() -> takeOut(group), 1, TimeUnit.SECONDS);
        }
    }

    private void restartWhereThereIsRoom() {
        try {
            long now = System.nanoTime();
            if (replicas.values().stream().noneMatch(st -> st.group() != null && now - st.notBeforeNanos() >= 0)) {
                return;
            }
            if (Files.getFileStore(storageDir.toPath()).getUsableSpace() < restartFreeBytes) return;
            RaftServer s = server.get();
            if (s == null) return;
            for (Map.Entry<RaftGroupId, State> e : replicas.entrySet()) {
                State st = e.getValue();
                if (st.group() != null && now - st.notBeforeNanos() >= 0) restart(s, e.getKey(), st.group());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: checking for failed replicas to restart failed: {}", id, e.toString());
        }
    }

    /** Closes the stopped replica's division (keeping its files) and opens a new one on them. */
    private void restart(RaftServer s, RaftGroupId group, RaftGroup g) throws IOException {
        try {
            s.getDivision(group);
            RaftClientReply removed = s.groupManagement(GroupManagementRequest.newRemove(ClientId.randomId(), id,
                    callIds.incrementAndGet(), group, false, false));
            if (!removed.isSuccess()) throw new IOException(String.valueOf(removed.getException()));
        } catch (IOException e) {
            if (!(e.getCause() == null && String.valueOf(e.getMessage()).contains("not found"))) {
                LOG.debug("{}: closing the stopped replica of {}: {}", id, GroupName.of(group), e.toString());
            }
        }
        RaftClientReply r = s.groupManagement(GroupManagementRequest.newAdd(ClientId.randomId(), id,
                callIds.incrementAndGet(), g, false));
        if (r.isSuccess()) {
            replicas.remove(group);
            restarts.compute(group, (g2, was) -> new long[] {System.nanoTime(), was == null ? 0 : was[1]});
            LOG.info("{}: replica of {} started again after its storage failure", id, GroupName.of(group));
        } else {
            LOG.warn("{}: replica of {} could not start again yet: {}", id, GroupName.of(group), r.getException());
        }
    }

    /**
     * How long a replica stays out before it may start again: a second, doubling (up to 16 s) each time it
     * fails again within a minute of its last start — space freed by closing its store (RocksDB's
     * preallocated log) may let it start on a disk that is still nearly full.
     */
    private long backoffNanos(RaftGroupId group) {
        long[] last = restarts.get(group);
        int failuresInARow = last != null && System.nanoTime() - last[0] < TimeUnit.MINUTES.toNanos(1)
                ? (int) Math.min(4, last[1] + 1) : 0;
        restarts.put(group, new long[] {last == null ? 0 : last[0], failuresInARow});
        return TimeUnit.SECONDS.toNanos(1L << failuresInARow);
    }

    @Override
    public void close() {
        runs.shutdownNow();
    }
}
