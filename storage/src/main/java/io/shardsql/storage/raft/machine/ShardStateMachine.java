package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.FileListSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The Ratis state machine of one replica of a shard (or of the control group): a thin layer over an
 * {@link MvccStore}.
 *
 * <ul>
 *   <li>{@code startTransaction} decodes and so validates a proposed command; a malformed one is
 *       refused before it reaches the log.</li>
 *   <li>{@code applyTransaction} applies one entry as one atomic storage batch that also records the
 *       entry's (term, index); an entry at or below the recorded index is skipped, so replaying the log
 *       after a crash is idempotent.</li>
 *   <li>{@code query} answers reads; Ratis calls it on the leader after a ReadIndex round (the read
 *       option is LINEARIZABLE), so reads are linearizable.</li>
 *   <li>Snapshots are storage checkpoints ({@link CheckpointSnapshots}); a follower that is too far
 *       behind receives the checkpoint files through Ratis and {@link #reinitialize()} rebuilds its
 *       store from them.</li>
 * </ul>
 *
 * <p>Directory layout under the group's Ratis storage directory:
 * <pre>
 * &lt;group&gt;/current/        Ratis: raft-meta, raft-meta.conf, log segments
 * &lt;group&gt;/sm/db/          the live store
 * &lt;group&gt;/sm/snapshot/    checkpoints (see CheckpointSnapshots)
 * &lt;group&gt;/sm/tmp/         where Ratis receives an installed snapshot
 * &lt;group&gt;/sm/ext/         the extensions' files (a snapshot's backup parts)
 * </pre>
 *
 * <p>Start-up recovery is {@link StoreRecovery}'s: damaged files are discarded or rebuilt from a sound
 * checkpoint; with no sound state left the replica discards its state and its log segments (keeping its
 * term and vote). The host normally runs it before Ratis loads the group ({@code host.ReplicaHost}) and
 * hands the outcome over; a replica that lost its log is then kept out of its group until it has left
 * the configuration and is added again as a new member ({@code host.ReplicaRejoin}), so it never votes
 * with an empty log. It never serves data it could not verify.
 */
public final class ShardStateMachine extends BaseStateMachine {
    private static final Logger LOG = LoggerFactory.getLogger(ShardStateMachine.class);

    private final StoreOpener opener;
    private final boolean verifyOnStart;
    private final ReadWriteLock storeLock = new ReentrantReadWriteLock();
    private final SnapshotStorage smStorage = new SnapshotStorage();

    private RaftStorage raftStorage;
    private Path dbDir;
    private Path tmpDir;
    /** The extensions' files (backup parts): beside the store, outside {@code sm/snapshot} that Ratis ships. */
    private Path extDir;
    private CheckpointSnapshots snapshots;
    private volatile MvccStore store;
    private volatile CommandApplier applier;
    private volatile QueryExecutor queries;
    private final ScanFilters filters;
    private volatile SnapshotInfo latestSnapshot;
    private volatile boolean recoveredFromDamage;
    private volatile boolean discardedLog;
    private final AtomicInteger installedSnapshots = new AtomicInteger();
    private final GroupExtensions extensions;
    private final SeedSource seeds;
    /** What the host's recovery before start found (its store still open), or null: recover in initialize. */
    private final StoreRecovery.Outcome prior;
    private volatile GroupExtensions.Opened opened;
    /** Started from a seed and not yet snapshotted: the first applied entry takes a snapshot. */
    private volatile boolean seededUnsnapshotted;
    private volatile ReplicaFailures failures = ReplicaFailures.NONE;
    /** Set once storage failed under this replica: it applies nothing more until it is started again. */
    private volatile boolean failed;
    /** Entries not applied since storage failed, answered only by {@link #releaseUnapplied}. */
    private final List<CompletableFuture<Message>> unapplied = new CopyOnWriteArrayList<>();
    private volatile boolean released;

    public ShardStateMachine(StoreOpener opener, boolean verifyOnStart) {
        this(opener, verifyOnStart, ScanFilters.KEEP_ALL, GroupExtensions.NONE);
    }

    /**
     * @param filters    how scan filter programs are compiled (the SQL layer's row filters)
     * @param extensions the commands, queries and commit checks that layers above storage add
     */
    public ShardStateMachine(StoreOpener opener, boolean verifyOnStart, ScanFilters filters,
            GroupExtensions extensions) {
        this(opener, verifyOnStart, filters, extensions, SeedSource.NONE);
    }

    /** @param seeds where a replica with no state of its own finds its group's restored state */
    public ShardStateMachine(StoreOpener opener, boolean verifyOnStart, ScanFilters filters,
            GroupExtensions extensions, SeedSource seeds) {
        this(opener, verifyOnStart, filters, extensions, seeds, null);
    }

    /**
     * @param prior what {@link StoreRecovery} found when the host ran it before starting this replica
     *              (the store it opened is taken over), or null to recover in {@link #initialize}
     */
    public ShardStateMachine(StoreOpener opener, boolean verifyOnStart, ScanFilters filters,
            GroupExtensions extensions, SeedSource seeds, StoreRecovery.Outcome prior) {
        this.prior = prior;
        this.seeds = seeds;
        this.opener = opener;
        this.verifyOnStart = verifyOnStart;
        this.filters = filters;
        this.extensions = extensions;
    }

    /** Who hears of a storage failure of this replica (its host, which restarts it); call before it starts. */
    public ShardStateMachine reportingTo(ReplicaFailures failures) {
        this.failures = failures;
        return this;
    }

    /** Whether storage failed under this replica (it has stopped applying; its host restarts it). */
    public boolean failed() { return failed; }

    /**
     * Fails the entries this replica left unapplied since its storage failed, so that Ratis can stop it;
     * its host calls this once the replica no longer leads (its clients were sent to the new leader).
     */
    public void releaseUnapplied() {
        released = true;
        ShardSqlException stopped = new ShardSqlException(ErrorCode.UNAVAILABLE, replica()
                + " stopped after a storage failure");
        for (CompletableFuture<Message> f : unapplied) f.completeExceptionally(stopped);
        unapplied.clear();
    }

    private boolean leads() {
        try {
            return getServer().join().getDivision(getGroupId()).getInfo().isLeader();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The reply to an entry this stopped replica does not apply. Once released it no longer leads and
     * cannot (its elections are paused), so no client waits on it: it answers empty at once, and Ratis'
     * applied index stays where the store is. Its retry cache, which records that answer, goes with the
     * division when it is started again. Should it lead all the same, it fails the entry instead: no
     * client may take an empty answer for a write.
     */
    private CompletableFuture<Message> unapplied() {
        if (released) {
            return !leads() ? CompletableFuture.completedFuture(Message.EMPTY)
                    : CompletableFuture.failedFuture(new ShardSqlException(ErrorCode.UNAVAILABLE, replica()
                            + " stopped after a storage failure"));
        }
        CompletableFuture<Message> f = new CompletableFuture<>();
        unapplied.add(f);
        return f;
    }

    // ---- lifecycle ---------------------------------------------------------------------------

    @Override
    public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
        super.initialize(server, groupId, storage);
        this.raftStorage = storage;
        Path smDir = storage.getStorageDir().getStateMachineDir().toPath();
        this.dbDir = smDir.resolve("db");
        this.tmpDir = smDir.resolve("tmp");
        this.extDir = smDir.resolve("ext");
        this.snapshots = new CheckpointSnapshots(smDir.resolve("snapshot"));
        Files.createDirectories(tmpDir);
        this.opened = extensions.open(new Context());
        getLifeCycle().transition(LifeCycle.State.STARTING);
        openRecovering();
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void reinitialize() throws IOException {
        // Called after Ratis installed a snapshot from the leader into sm/snapshot (the machine is paused).
        if (getLifeCycle().getCurrentState() == LifeCycle.State.PAUSED) {
            getLifeCycle().transition(LifeCycle.State.STARTING);
        }
        closeStore();
        Optional<CheckpointSnapshots.Snapshot> snap = snapshots.latest();
        if (snap.isEmpty()) throw new IOException(replica() + ": reinitialize found no snapshot in "
                + snapshots.root());
        snapshots.verify(snap.get());
        snapshots.restoreInto(snap.get(), dbDir);
        useStore(opener.open(dbDir), snap);
        installedSnapshots.incrementAndGet();
        LOG.info("{}: installed snapshot {}_{} from the leader", replica(), snap.get().term(), snap.get().index());
        getLifeCycle().transition(LifeCycle.State.RUNNING);
    }

    @Override
    public void pause() {
        // Ratis pauses the state machine before it writes an installed snapshot; reads must stop first.
        if (getLifeCycle().getCurrentState() != LifeCycle.State.RUNNING) return;
        getLifeCycle().transition(LifeCycle.State.PAUSING);
        closeStore();
        getLifeCycle().transition(LifeCycle.State.PAUSED);
    }

    @Override
    public void close() throws IOException {
        closeStore();
        super.close();
    }

    private void openRecovering() throws IOException {
        StoreRecovery.Outcome o = prior != null && prior.store() != null ? prior
                : new StoreRecovery(raftStorage.getStorageDir().getRoot().toPath(), replica(),
                        GroupName.of(getGroupId()), opener, verifyOnStart, seeds).recover();
        recoveredFromDamage = o.recoveredFromDamage() || (prior != null && prior.recoveredFromDamage());
        discardedLog = o.discardedLog() || (prior != null && prior.discardedLog());
        seededUnsnapshotted = o.seeded();
        MvccStore opened = o.store();
        useStore(opened, o.snapshot());
        if (o.snapshot().isEmpty() && o.recoveredFromDamage() && opened.appliedIndex().index() >= 0) {
            takeSnapshot(); // the damaged snapshot is gone: make a sound one from the verified store
        }
    }

    private void useStore(MvccStore s, Optional<CheckpointSnapshots.Snapshot> snap) {
        storeLock.writeLock().lock();
        try {
            store = s;
            opened.storeOpened(s);
            applier = new CommandApplier(s, opened);
            queries = new QueryExecutor(s, applier::collectingTo, filters);
            latestSnapshot = snap.map(this::toInfo).orElse(null);
            AppliedIndex applied = s.appliedIndex();
            setLastAppliedTermIndex(TermIndex.valueOf(applied.term(), applied.index()));
        } finally {
            storeLock.writeLock().unlock();
        }
    }

    private void closeStore() {
        storeLock.writeLock().lock();
        try {
            if (store != null) store.close();
            store = null;
        } finally {
            storeLock.writeLock().unlock();
        }
    }

    /** This replica as log lines name it: its node and its group ({@code n2@shard-1}). */
    private String replica() {
        return getId() + "@" + GroupName.of(getGroupId());
    }

    /** True when start-up found damaged files and recovered from them (for tests and status). */
    public boolean recoveredFromDamage() { return recoveredFromDamage; }

    /**
     * True when start-up discarded this replica's log: it must rejoin its group as a new member
     * ({@code host.ReplicaRejoin}) rather than as the peer that acknowledged entries it no longer has.
     */
    public boolean discardedLog() { return discardedLog; }

    /** How many snapshots this replica received from a leader since it started. */
    public int installedSnapshots() { return installedSnapshots.get(); }

    // ---- commands ----------------------------------------------------------------------------

    @Override
    public TransactionContext startTransaction(RaftClientRequest request) throws IOException {
        TransactionContext trx = super.startTransaction(request);
        try {
            ShardCodec.decodeCommand(request.getMessage().getContent().toByteArray(), extensions.codecs());
        } catch (ShardSqlException e) {
            trx.setException(e);
        }
        return trx;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        LogEntryProto entry = trx.getLogEntry();
        long term = entry.getTerm();
        long index = entry.getIndex();
        MvccStore s = store;
        if (failed || s == null) return unapplied(); // stopped: see storageFailed
        try {
            if (index <= s.appliedIndex().index()) { // replayed after a restart: already in the store
                return CompletableFuture.completedFuture(Message.EMPTY);
            }
            ShardCommand command = ShardCodec.decodeCommand(entry.getStateMachineLogEntry().getLogData().toByteArray(),
                    extensions.codecs());
            ShardReply reply;
            try (MvccBatch batch = s.newBatch()) {
                reply = applier.apply(command, batch);
                batch.setAppliedIndex(term, index);
                batch.commit();
            }
            updateLastAppliedTermIndex(term, index);
            if (seededUnsnapshotted) snapshotSeededStore();
            return CompletableFuture.completedFuture(Message.valueOf(ByteString.copyFrom(ShardCodec.encode(reply))));
        } catch (RuntimeException e) {
            return storageFailed(e, "apply entry " + term + ":" + index);
        }
    }

    /**
     * Storage failed under this replica: it must not go on as if the entry were applied. It stops (applies
     * and answers nothing more) and its host takes it out of the group and starts it again on what it has
     * on disk, replaying the entry. The entry is committed — a majority logged it — so the client must not
     * be told it failed: the returned future stays open until the host has made this replica step down
     * (Ratis then sends its pending clients to the new leader, whose retry cache answers them with the
     * entry's reply) and calls {@link #releaseUnapplied}.
     */
    private CompletableFuture<Message> storageFailed(RuntimeException e, String what) {
        ShardSqlException s = ShardSqlException.find(e);
        boolean diskFull = s != null && s.code() == ErrorCode.DISK_FULL;
        if (diskFull) {
            LOG.error("{}: could not {}: {}; stopping this replica until space returns", replica(), what,
                    s.getMessage());
        } else {
            LOG.error("{}: could not {}; stopping this replica", replica(), what, e);
        }
        failed = true;
        closeStore();
        CompletableFuture<Message> reply = unapplied();
        failures.storageFailed(getGroupId(), e);
        return reply;
    }

    /** Ratis could not write this replica's log (a full disk, an I/O error): its log refuses every later write. */
    @Override
    public void notifyLogFailed(Throwable cause, LogEntryProto failedEntry) {
        LOG.error("{}: could not write its Raft log{}: {}; stopping this replica", replica(),
                failedEntry == null ? "" : " at entry " + failedEntry.getIndex(), cause.toString());
        if (!failed) {
            failed = true;
            failures.storageFailed(getGroupId(), cause);
        }
    }

    /**
     * Ratis replays the log from the last snapshot, and reports entries that carry no command
     * (configuration, leader no-ops) here. Those at or below what the store has applied are old news.
     */
    @Override
    public void notifyTermIndexUpdated(long term, long index) {
        TermIndex applied = getLastAppliedTermIndex();
        if (applied == null || index > applied.getIndex()) super.notifyTermIndexUpdated(term, index);
    }

    /**
     * The first entry applied over a seed takes a snapshot (on the apply thread, so it is exact): a
     * replica that loses its state later is then brought back by an install of the seeded state.
     */
    private void snapshotSeededStore() {
        seededUnsnapshotted = false;
        try {
            takeSnapshot();
        } catch (IOException e) {
            LOG.warn("{}: could not snapshot the seeded store: {}", replica(), e.toString());
        }
    }

    // ---- reads -------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Message> query(Message request) {
        CompletableFuture<ShardReply> reply;
        try {
            ShardQuery q = ShardCodec.decodeQuery(request.getContent().toByteArray(), extensions.codecs());
            reply = q instanceof ShardQuery.Extension e ? opened.query(e)
                    : CompletableFuture.completedFuture(readLocal(q));
        } catch (ShardSqlException e) {
            reply = CompletableFuture.completedFuture(ShardReply.Failed.of(e));
        }
        return reply.exceptionally(e -> {
            ShardSqlException s = ShardSqlException.find(e);
            return ShardReply.Failed.of(s != null ? s
                    : new ShardSqlException(ErrorCode.UNAVAILABLE, getId() + ": " + e.getMessage(), e));
        }).thenApply(r -> Message.valueOf(ByteString.copyFrom(ShardCodec.encode(r))));
    }

    /**
     * Answers {@code query} from this replica's own state, whatever its role: a stale read unless
     * Ratis has confirmed leadership first (as {@link #query} does). For tests and explicit stale reads.
     */
    public ShardReply readLocal(ShardQuery query) {
        storeLock.readLock().lock();
        try {
            if (store == null) {
                return new ShardReply.Failed(ErrorCode.UNAVAILABLE,
                        "replica " + getId() + " is not serving (installing a snapshot or stopped)", null, null);
            }
            return queries.execute(query);
        } finally {
            storeLock.readLock().unlock();
        }
    }

    // ---- snapshots ---------------------------------------------------------------------------

    @Override
    public long takeSnapshot() throws IOException {
        MvccStore s = store;
        if (s == null) return RaftLog.INVALID_LOG_INDEX;
        AppliedIndex applied = s.appliedIndex();
        if (applied.index() < 0) return RaftLog.INVALID_LOG_INDEX;
        SnapshotInfo current = latestSnapshot;
        if (current != null && current.getIndex() == applied.index()) return applied.index();
        CheckpointSnapshots.Snapshot snap = snapshots.take(s, applied.term(), applied.index());
        latestSnapshot = toInfo(snap);
        LOG.info("{}: snapshot {}_{} taken", replica(), applied.term(), applied.index());
        return applied.index();
    }

    @Override
    public SnapshotInfo getLatestSnapshot() {
        return latestSnapshot;
    }

    @Override
    public StateMachineStorage getStateMachineStorage() {
        return smStorage;
    }

    private SnapshotInfo toInfo(CheckpointSnapshots.Snapshot snap) {
        List<FileInfo> files = snapshots.filesToSend(snap).stream().map(p -> new FileInfo(p, null)).toList();
        return new FileListSnapshotInfo(files, snap.term(), snap.index());
    }

    /** What this replica's extensions may ask of it. */
    private final class Context implements ReplicaContext {
        private final ClientId clientId = ClientId.randomId();
        private final AtomicLong callIds = new AtomicLong();

        @Override
        public GroupName group() { return GroupName.of(getGroupId()); }

        @Override
        public String name() { return replica(); }

        @Override
        public boolean isLeader() { return division().getInfo().isLeader(); }

        @Override
        public long currentTerm() { return division().getInfo().getCurrentTerm(); }

        @Override
        public ShardReply readLocal(ShardQuery query) { return ShardStateMachine.this.readLocal(query); }

        @Override
        public void checkCommit(long commitTs, MvccBatch batch) { opened.checkCommit(commitTs, batch); }

        @Override
        public MvccStore store() { return store; }

        @Override
        public Path dataDir() { return extDir; }

        @Override
        public CompletableFuture<ShardReply> propose(ShardCommand command) {
            RaftServer server = getServer().join();
            RaftClientRequest request = RaftClientRequest.newBuilder()
                    .setClientId(clientId)
                    .setServerId(server.getId())
                    .setGroupId(getGroupId())
                    .setCallId(callIds.incrementAndGet())
                    .setMessage(Message.valueOf(ByteString.copyFrom(ShardCodec.encode(command))))
                    .setType(RaftClientRequest.writeRequestType())
                    .build();
            try {
                return server.submitClientRequestAsync(request).thenApply(reply -> {
                    if (!reply.isSuccess()) {
                        throw new ShardSqlException(ErrorCode.UNAVAILABLE, replica() + ": proposal failed: "
                                + reply.getException());
                    }
                    return ShardCodec.decodeReply(reply.getMessage().getContent().toByteArray());
                });
            } catch (IOException e) {
                return CompletableFuture.failedFuture(new ShardSqlException(ErrorCode.UNAVAILABLE,
                        replica() + ": proposal failed: " + e.getMessage(), e));
            }
        }

        private RaftServer.Division division() {
            try {
                return getServer().join().getDivision(getGroupId());
            } catch (IOException e) {
                throw new ShardSqlException(ErrorCode.UNAVAILABLE, getId() + " has no division of its group: "
                        + e.getMessage(), e);
            }
        }
    }

    /** Tells Ratis where snapshots live and where to receive an installed one. */
    private final class SnapshotStorage implements StateMachineStorage {
        @Override
        public void init(RaftStorage storage) {}

        @Override
        public SnapshotInfo getLatestSnapshot() { return latestSnapshot; }

        @Override
        public void format() {}

        @Override
        public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) {
            // CheckpointSnapshots keeps only the newest snapshot.
        }

        @Override
        public File getSnapshotDir() { return snapshots.root().toFile(); }

        @Override
        public File getTmpDir() { return tmpDir.toFile(); }
    }
}
