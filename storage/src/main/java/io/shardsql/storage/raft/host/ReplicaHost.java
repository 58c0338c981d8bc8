package io.shardsql.storage.raft.host;

import io.shardsql.storage.raft.RaftSettings;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.machine.GroupExtensions;
import io.shardsql.storage.raft.machine.ScanFilters;
import io.shardsql.storage.raft.machine.ShardStateMachine;
import io.shardsql.storage.raft.machine.SeedSource;
import io.shardsql.storage.raft.machine.StoreOpener;
import io.shardsql.storage.raft.machine.StoreRecovery;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupManagementRequest;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.StateMachine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The replication side of a node: one Ratis {@link RaftServer} hosting this node's replica (division)
 * of every group it belongs to, each with its own {@link ShardStateMachine}. Groups already in the
 * storage directory are recovered on start; groups of the layout that are missing are created.
 */
public final class ReplicaHost implements LocalReplicas, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReplicaHost.class);

    private final RaftPeerId id;
    private final RaftSettings settings;
    private final File storageDir;
    private final String host;
    private final int port;
    private final StoreOpener opener;
    private final ScanFilters filters;
    private final GroupExtensions extensions;
    private volatile SeedSource seeds = SeedSource.NONE;
    private final AtomicLong callIds = new AtomicLong();
    private volatile RaftServer server;
    private final List<ReplicaRejoin> rejoins = new CopyOnWriteArrayList<>();
    /** Groups whose replica here lost its log and rejoins (see {@link PendingRejoins}). */
    private final Set<RaftGroupId> rejoining = ConcurrentHashMap.newKeySet();
    private volatile FailedReplicas failed;

    public ReplicaHost(RaftPeerId id, RaftSettings settings, File storageDir, String host, int port,
            StoreOpener opener) {
        this(id, settings, storageDir, host, port, opener, ScanFilters.KEEP_ALL, GroupExtensions.NONE);
    }

    /**
     * A host whose replicas run scan filters with {@code filters} (the SQL layer's row filters) and the
     * commands of {@code extensions} (the transaction layer's, ...).
     */
    public ReplicaHost(RaftPeerId id, RaftSettings settings, File storageDir, String host, int port, StoreOpener opener,
                       ScanFilters filters, GroupExtensions extensions) {
        this.filters = filters;
        this.extensions = extensions;
        this.id = id;
        this.settings = settings;
        this.storageDir = storageDir;
        this.host = host;
        this.port = port;
        this.opener = opener;
    }

    /** Replicas that start with no state of their own take it from {@code seeds} (a restore's); call before start. */
    public ReplicaHost seededFrom(SeedSource seeds) {
        this.seeds = seeds;
        return this;
    }

    /**
     * Starts the server and makes sure it hosts a replica of each of {@code groups}. Before Ratis loads
     * the replicas already in the storage directory, each one's files are recovered ({@link StoreRecovery});
     * one that had to discard its log is set aside ({@link PendingRejoins}) and rejoins its group as a new
     * member ({@link ReplicaRejoin}) instead of starting as the voter it was.
     */
    public void start(Collection<RaftGroup> groups) throws IOException {
        failed = new FailedReplicas(id, () -> server, storageDir, settings.restartFreeBytes());
        FailedReplicas failures = failed;
        PendingRejoins pending = new PendingRejoins(storageDir);
        Map<RaftGroupId, StoreRecovery.Outcome> recovered = new ConcurrentHashMap<>();
        try {
            recoverBeforeStart(pending, recovered);
            rejoining.addAll(pending.marked());
            StateMachine.Registry registry = gid -> new ShardStateMachine(opener, settings.verifyOnStart(), filters,
                    extensions, seeds, prior(gid, recovered)).reportingTo(failures);
            server = RaftServer.newBuilder()
                    .setServerId(id)
                    .setProperties(settings.serverProperties(storageDir, host, port))
                    .setParameters(settings.parameters())
                    .setStateMachineRegistry(registry)
                    .build();
            server.start();
        } finally {
            recovered.values().forEach(StoreRecovery.Outcome::close); // stores of groups Ratis did not load
        }
        Set<RaftGroupId> present = new HashSet<>();
        server.getGroupIds().forEach(present::add);
        for (RaftGroup g : groups) {
            if (present.contains(g.getGroupId()) || rejoining.contains(g.getGroupId())) continue;
            RaftClientReply reply = server.groupManagement(
                    GroupManagementRequest.newAdd(ClientId.randomId(), id, callIds.incrementAndGet(), g, true));
            if (!reply.isSuccess()) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "could not create replica of "
                        + GroupName.of(g.getGroupId()) + " on " + id + ": " + reply.getException());
            }
            LOG.info("{}: created replica of {}", id, GroupName.of(g.getGroupId()));
        }
        for (RaftGroupId gid : rejoining) {
            Optional<RaftGroup> g = groups.stream().filter(x -> x.getGroupId().equals(gid)).findFirst();
            if (g.isPresent()) {
                rejoin(g.get(), pending);
            } else {
                LOG.warn("{}: the replica of {} set aside to rejoin is not in this node's layout; left aside", id,
                        GroupName.of(gid));
            }
        }
    }

    /** Recovers every replica in the storage directory; those that lost their log are set aside. */
    private void recoverBeforeStart(PendingRejoins pending, Map<RaftGroupId, StoreRecovery.Outcome> recovered)
            throws IOException {
        File[] dirs = storageDir.listFiles(File::isDirectory);
        if (dirs == null) return;
        for (File dir : dirs) {
            RaftGroupId gid = PendingRejoins.groupOf(dir.getName());
            if (gid == null) continue;
            if (pending.isMarked(gid)) { // a rejoin that an earlier run did not finish
                pending.setAside(gid);
                continue;
            }
            GroupName name = GroupName.of(gid);
            StoreRecovery.Outcome o = new StoreRecovery(dir.toPath(), id + "@" + name, name, opener,
                    settings.verifyOnStart(), seeds).recover();
            if (o.discardedLog()) {
                o.close();
                pending.setAside(gid);
                LOG.warn("{}: replica of {} lost its log; it stays out of elections until it has rejoined", id, name);
            } else {
                recovered.put(gid, o);
            }
        }
    }

    private StoreRecovery.Outcome prior(RaftGroupId gid, Map<RaftGroupId, StoreRecovery.Outcome> recovered) {
        StoreRecovery.Outcome o = recovered.remove(gid);
        if (o != null) return o;
        return rejoining.contains(gid) ? StoreRecovery.Outcome.afterDiscard() : null;
    }

    private void rejoin(RaftGroup g, PendingRejoins pending) {
        ReplicaRejoin r = new ReplicaRejoin(g, id, settings.clientProperties(), settings.parameters(), server, pending);
        rejoins.add(r);
        Thread t = new Thread(r, id + "-rejoin-" + GroupName.of(g.getGroupId()));
        t.setDaemon(true);
        t.start();
    }

    /**
     * True while this node's replica of {@code groupId} lost its log and has not yet rejoined its group:
     * it has no division (it is set aside) or is being caught up as a new member.
     */
    public boolean rejoining(RaftGroupId groupId) {
        return rejoining.contains(groupId)
                && rejoins.stream().noneMatch(r -> r.group().equals(groupId) && r.rejoined());
    }

    public RaftPeerId id() { return id; }

    public RaftServer server() { return server; }

    public List<RaftGroupId> groupIds() {
        List<RaftGroupId> ids = new ArrayList<>();
        server.getGroupIds().forEach(ids::add);
        return ids;
    }

    public RaftServer.Division division(RaftGroupId groupId) {
        try {
            return server.getDivision(groupId);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.UNAVAILABLE, id + " has no replica of " + GroupName.of(groupId));
        }
    }

    @Override
    public RaftServer leaderOf(RaftGroupId groupId) {
        RaftServer s = server;
        if (s == null) return null;
        try {
            RaftServer.Division d = s.getDivision(groupId);
            return d.getInfo().isLeader() && d.getInfo().isLeaderReady() ? s : null;
        } catch (IOException | RuntimeException e) {
            return null; // no replica of the group here, or the server is closing
        }
    }

    @Override
    public RaftPeerId leaderIdOf(RaftGroupId groupId) {
        RaftServer s = server;
        if (s == null) return null;
        try {
            return s.getDivision(groupId).getInfo().getLeaderId();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The extensions' directory of this node's replica of {@code groupId} ({@code <group>/sm/ext}, see
     * {@link ShardStateMachine}); null if this node has no replica of it.
     */
    public java.nio.file.Path extensionDir(RaftGroupId groupId) {
        RaftServer s = server;
        if (s == null) return null;
        try {
            s.getDivision(groupId);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return storageDir.toPath().resolve(groupId.getUuid().toString()).resolve("sm").resolve("ext");
    }

    /** How many of this node's replicas are stopped after a storage failure, waiting to start again. */
    public int stoppedReplicas() {
        FailedReplicas f = failed;
        return f == null ? 0 : f.stopped();
    }

    public ShardStateMachine stateMachine(RaftGroupId groupId) {
        return (ShardStateMachine) division(groupId).getStateMachine();
    }

    @Override
    public void close() throws IOException {
        rejoins.forEach(ReplicaRejoin::stop);
        if (failed != null) failed.close();
        RaftServer s = server;
        server = null;
        if (s != null) s.close();
    }
}
