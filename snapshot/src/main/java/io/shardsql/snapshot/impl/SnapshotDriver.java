package io.shardsql.snapshot.impl;

import io.shardsql.storage.net.NodeTls;
import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.OwnerOnly;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.PartOpener;
import io.shardsql.snapshot.RowCounter;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotService;
import io.shardsql.snapshot.SnapshotSettings;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.snapshot.log.PartTaken;
import io.shardsql.snapshot.log.SnapshotCommand;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.StoreOpener;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs SNAPSHOT on this node (ARCHITECTURE §5, docs/backup.md):
 * <ol>
 *   <li>claims the next epoch in the registry ({@link SnapshotRegistry}; one snapshot at a time: another
 *       one while it runs is refused, 55006);</li>
 *   <li>begins a READ_ONLY transaction: its start timestamp is the cut S, and it holds garbage collection
 *       back until every part is sealed;</li>
 *   <li>phase 1: {@code Marker(e, S)} to every coordinator, each in a Raft entry of its own, waiting for
 *       all; phase 2: to {@code control} and every shard in parallel; a marker that may not have landed is
 *       sent again (a repeat is answered, not taken again);</li>
 *   <li>copies every group's part from a replica that has it ({@link PartCopier}) and verifies it;</li>
 *   <li>settles the channel state ({@link ChannelState}) and counts the rows, reading the copied parts
 *       ({@link PartReader});</li>
 *   <li>writes the {@code MANIFEST} last, then records the snapshot COMPLETE;</li>
 *   <li>ends the epoch in every group ({@link EpochRelease}): the replicas delete their parts.</li>
 * </ol>
 * Any error, the timeout ({@code snapshot.timeout}) or an interrupt makes it FAILED with the reason, and
 * its directory is removed: a backup is never listed COMPLETE without its MANIFEST.
 */
public final class SnapshotDriver implements SnapshotService, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotDriver.class);
    private static final long RETRY_MILLIS = 200;
    /** How long SNAPSHOT waits for the groups to take the end of its epoch (the result does not depend on it). */
    private static final Duration RELEASE_WAIT = Duration.ofSeconds(10);
    /** How long the groups' flushes ahead of the cut are waited for at most ({@link FlushAhead}). */
    private static final Duration FLUSH_WAIT = Duration.ofSeconds(30);
    /** How long DROP SNAPSHOT waits for the node that keeps the backup. */
    private static final int DROP_TIMEOUT_MILLIS = 30_000;
    /**
     * How long a peer may stay silent (connecting, or between two reads) while a part is fetched from it
     * before the next replica is tried: a peer that died without closing its sockets (a machine gone, a
     * frozen process, a partition) must not hold the snapshot until {@code snapshot.timeout}.
     */
    static final Duration PEER_SILENCE = Duration.ofSeconds(20);

    /**
     * Where parts come from: this node's {@code sm/ext} directory of a group (null if it has no replica),
     * the other nodes' read ports and the TLS this node shows them ({@link NodeTls#OFF}: none), and how to
     * open a copied part's store: read-write (a scratch copy) and, for reads that change nothing, read-only
     * in place ({@code readOnly}; null: always a scratch copy).
     */
    public record Sources(Function<GroupName, Path> localExtDirs, Map<String, InetSocketAddress> peers,
                          StoreOpener opener, PartOpener readOnly, NodeTls tls) {
        public Sources {
            if (tls == null) tls = NodeTls.OFF;
        }

        /** Sources whose parts are always read through a scratch copy, over plain sockets. */
        public Sources(Function<GroupName, Path> localExtDirs, Map<String, InetSocketAddress> peers,
                       StoreOpener opener) {
            this(localExtDirs, peers, opener, null, NodeTls.OFF);
        }
    }

    private final String node;
    private final TransactionManager txns;
    private final ClusterClient client;
    private final SnapshotSettings settings;
    private final SnapshotRegistry registry;
    private final PartCopier copier;
    private final PartReader reader;
    private final RowCounter rows;
    private final BackupDrop drops;
    private volatile SnapshotHook hook;
    private final Clock clock = Clock.systemUTC();
    /** When this driver began: a RUNNING record of this node from before is a dead process's. */
    private final Instant since = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    private final ExecutorService markers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "snapshot-marker");
        t.setDaemon(true);
        return t;
    });

    public SnapshotDriver(String node, TransactionManager txns, ClusterClient client, SnapshotSettings settings,
                          Sources sources, RowCounter rows, SnapshotHook hook) {
        this.node = node;
        this.txns = txns;
        this.client = client;
        this.settings = settings;
        this.registry = new SnapshotRegistry(txns, clock);
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        int silence = (int) Math.min(PEER_SILENCE.toMillis(), settings.timeout().toMillis());
        this.copier = new PartCopier(node, client.shardMap(), sources.localExtDirs(), sources.peers(), silence,
                sources.tls());
        this.reader = new PartReader(sources.opener(), sources.readOnly());
        this.drops = new BackupDrop(node, new BackupRoot(settings.backupRoot()), sources.peers(),
                Math.min(timeout, DROP_TIMEOUT_MILLIS), sources.tls());
        this.rows = rows;
        this.hook = hook;
    }

    /** The registry this driver keeps its snapshots in. */
    public SnapshotRegistry registry() { return registry; }

    /** Reads the parts of backups (tests, verify). */
    public PartReader reader() { return reader; }

    /** Calls {@code hook} at each step of the snapshots taken from now on (tests inject faults with it). */
    public void hook(SnapshotHook hook) {
        this.hook = hook;
    }

    /** The settings this driver runs with. */
    public SnapshotSettings settings() { return settings; }

    @Override
    public SnapshotInfo take(Optional<String> name) {
        BackupRoot root = new BackupRoot(settings.backupRoot());
        root.ensureExists();
        long deadline = System.nanoTime() + settings.timeout().toNanos();
        Run run = new Run(registry.claim(name, node, root, settings.timeout()), deadline);
        try {
            OwnerOnly.createDirectory(run.dir); // it will hold the users' password verifiers
            return run.go();
        } catch (IOException | RuntimeException | Error e) {
            ShardSqlException reason = reasonOf(e);
            run.fail(reason);
            throw reason;
        } finally {
            EpochRelease.release(client, run.info.epoch(), RELEASE_WAIT);
        }
    }

    @Override
    public List<SnapshotInfo> list() {
        return registry.list();
    }

    /**
     * Drops {@code name}: its record is marked DROPPING, its files are deleted by the node that keeps them
     * (this one, or that node over its read port, {@link BackupDrop}), then the record is removed. If that
     * node cannot be reached, the record is put back as it was and the drop fails ({@code CLUSTER_NOT_READY},
     * 57P03); if the deletion broke off, the record stays DROPPING with the reason ({@code STORAGE_FAILURE},
     * 58030), and a DROP again finishes it.
     */
    @Override
    public void drop(String name) {
        SnapshotInfo before = registry.beginDrop(name);
        BackupDrop.Outcome outcome = drops.delete(before);
        if (outcome instanceof BackupDrop.Outcome.NotReached n) {
            registry.undoDrop(before);
            throw n.error();
        }
        if (outcome instanceof BackupDrop.Outcome.BrokeOff b) {
            registry.dropBrokeOff(name, b.error().getMessage());
            throw b.error();
        }
        registry.remove(name);
    }

    /**
     * Cleans up after this node's previous process (called once the node is up): the snapshots it left
     * RUNNING are recorded FAILED at once — nobody needs to wait for the abandon rule (twice
     * {@code snapshot.timeout}) — and the directories of this node's failed snapshots are removed, so
     * that none of them (not even one sealed just before a crash, ahead of its COMPLETE record) stays
     * where it could be taken for a backup. Returns the snapshots cleaned up.
     */
    public List<SnapshotInfo> reclaimAbandoned() {
        Path root = settings.backupRoot().toAbsolutePath().normalize();
        List<SnapshotInfo> failed = registry.reclaim(node, since);
        for (SnapshotInfo s : failed) {
            Path dir = Path.of(s.directory()).toAbsolutePath().normalize();
            if (!dir.startsWith(root) || dir.equals(root) || !Files.exists(dir)) continue;
            try {
                Files.deleteIfExists(dir.resolve(BackupManifest.FILE));
                Checkpoints.deleteTree(dir);
                LOG.info("removed {}, the directory of snapshot '{}' ({})", dir, s.name(), s.error());
            } catch (IOException e) {
                LOG.warn("could not remove {}, the directory of failed snapshot '{}': {}", dir, s.name(),
                        e.toString());
            }
        }
        return failed;
    }

    @Override
    public void close() {
        markers.shutdownNow();
    }

    private static ShardSqlException reasonOf(Throwable e) {
        if (e instanceof ShardSqlException s) return s;
        if (e instanceof InterruptedException) {
            return new ShardSqlException(ErrorCode.QUERY_CANCELED, "the snapshot was cancelled");
        }
        return new ShardSqlException(ErrorCode.INTERNAL, "the snapshot failed: " + e, e);
    }

    /** One snapshot from its claim to its end. */
    private final class Run {
        private SnapshotInfo info;
        private final Path dir;
        private final long deadline;
        private final List<GroupName> coordinators = new ArrayList<>();
        private final List<GroupName> others = new ArrayList<>();

        Run(SnapshotInfo info, long deadline) {
            this.info = info;
            this.dir = Path.of(info.directory());
            this.deadline = deadline;
            ShardMap map = client.shardMap();
            for (int k = 0; k < map.coordinatorCount(); k++) coordinators.add(GroupName.coord(k));
            others.add(GroupName.CONTROL);
            for (int i = 0; i < map.shardCount(); i++) others.add(GroupName.shard(i));
        }

        SnapshotInfo go() throws IOException {
            long e = info.epoch();
            Map<GroupName, PartTaken> parts = new LinkedHashMap<>();
            flushAhead(e);
            try (Transaction cut = txns.begin(TxnMode.READ_ONLY)) {
                long s = cut.startTs();
                update(s, 0, 0);
                LOG.info("snapshot '{}' epoch {}: cut at {}", info.name(), e, s);
                parts.putAll(phase(coordinators, new SnapshotCommand.Marker(e, s)));
                hook.reached(SnapshotHook.Step.COORDINATORS_MARKED, e);
                parts.putAll(phase(others, new SnapshotCommand.Marker(e, s)));
                check("marking");
                hook.reached(SnapshotHook.Step.MARKED, e);
            }
            long tCopy = System.nanoTime();
            PartPipeline.Result copied;
            try (PartPipeline pipeline = new PartPipeline(copier, reader, rows, dir, info.cutTs(), deadline,
                    this::check)) {
                copied = pipeline.run(parts, coordinators, (done, bytes) -> update(info.cutTs(), done, bytes),
                        () -> hook.reached(SnapshotHook.Step.COPIED, e));
            }
            List<BackupManifest.Part> lines = copied.lines();
            ChannelState channels = copied.channels();
            long count = copied.rows();
            long tMan = System.nanoTime();
            ShardMap map = client.shardMap();
            new BackupManifest(info.name(), map.clusterId(), e, info.cutTs(), map.shardCount(),
                    map.coordinatorCount(), clock.instant(), lines, channels.transactions()).write(dir);
            OwnerOnly.restrictTree(dir);
            hook.reached(SnapshotHook.Step.SEALED, e);
            LOG.debug("snapshot '{}': parts copied and read in {} ms, MANIFEST written in {} ms", info.name(),
                    (tMan - tCopy) / 1_000_000, (System.nanoTime() - tMan) / 1_000_000);
            info = new SnapshotInfo(info.name(), info.node(), info.directory(), e, info.cutTs(), info.state(),
                    info.partsDone(), info.partsTotal(), info.bytes(), count, info.started(), null, null);
            SnapshotInfo done = registry.finish(info, SnapshotState.COMPLETE, null);
            LOG.info("snapshot '{}' epoch {} COMPLETE: {} parts, {} bytes, {} rows in {}", done.name(), e,
                    done.partsDone(), done.bytes(), count, dir);
            return done;
        }

        /** Has every group flush its memtables before the cut, so that the markers' checkpoints are short. */
        private void flushAhead(long e) {
            long t0 = System.nanoTime();
            long wait = Math.min(FLUSH_WAIT.toNanos(), Math.max(0, deadline - System.nanoTime()) / 4);
            try {
                boolean all = FlushAhead.flush(client, e, Duration.ofNanos(wait));
                LOG.debug("snapshot '{}': groups flushed ahead of the cut in {} ms{}", info.name(),
                        (System.nanoTime() - t0) / 1_000_000, all ? "" : " (not all confirmed)");
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new ShardSqlException(ErrorCode.QUERY_CANCELED, "the snapshot was cancelled");
            }
        }

        /** Sends {@code marker} to every group of {@code groups} at once and waits for every part. */
        private Map<GroupName, PartTaken> phase(List<GroupName> groups, SnapshotCommand.Marker marker) {
            Map<GroupName, Future<PartTaken>> sent = new LinkedHashMap<>();
            for (GroupName g : groups) sent.put(g, markers.submit(() -> mark(g, marker)));
            Map<GroupName, PartTaken> parts = new LinkedHashMap<>();
            try {
                for (Map.Entry<GroupName, Future<PartTaken>> f : sent.entrySet()) {
                    parts.put(f.getKey(), f.getValue().get(Math.max(0, deadline - System.nanoTime()),
                            TimeUnit.NANOSECONDS));
                }
                return parts;
            } catch (TimeoutException e) {
                throw timedOut("marking");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ShardSqlException(ErrorCode.QUERY_CANCELED, "the snapshot was cancelled");
            } catch (ExecutionException e) {
                throw reasonOf(e.getCause());
            } finally {
                sent.values().forEach(f -> f.cancel(true));
            }
        }

        /** Sends the marker to {@code g} until a replica answers with its part (a repeat changes nothing). */
        private PartTaken mark(GroupName g, SnapshotCommand.Marker marker) throws InterruptedException {
            ShardClient group = client.group(g);
            while (true) {
                try {
                    ShardReply r = ShardClient.await(group.sendNow(marker));
                    if (!(r instanceof ShardReply.Meta m)) {
                        throw new ShardSqlException(ErrorCode.INTERNAL, g + " answered the marker with " + r);
                    }
                    PartTaken p = PartTaken.decode(m.value());
                    if (!p.ok()) LOG.warn("{}: its leader has no part of epoch {}: {}", g, marker.epoch(), p.error());
                    return p;
                } catch (ShardSqlException e) {
                    if (e.code() == ErrorCode.SNAPSHOT_EPOCH_STALE || e.code() == ErrorCode.BAD_COMMAND
                            || System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                    LOG.info("{}: marker of epoch {} not answered ({}); sending it again", g, marker.epoch(),
                            e.toString());
                    Thread.sleep(RETRY_MILLIS);
                }
            }
        }

        private void update(long cutTs, int partsDone, long bytes) {
            int total = coordinators.size() + others.size();
            info = new SnapshotInfo(info.name(), info.node(), info.directory(), info.epoch(), cutTs, info.state(),
                    partsDone, total, bytes, info.rows(), info.started(), null, null);
            registry.progress(info);
        }

        private void check(String step) {
            if (Thread.currentThread().isInterrupted()) {
                throw new ShardSqlException(ErrorCode.QUERY_CANCELED, "the snapshot was cancelled while " + step);
            }
            if (System.nanoTime() - deadline > 0) throw timedOut(step);
        }

        private ShardSqlException timedOut(String step) {
            return new ShardSqlException(ErrorCode.TIMEOUT, "the snapshot ran past snapshot.timeout ("
                    + settings.timeout() + ") while " + step);
        }

        void fail(ShardSqlException reason) {
            LOG.warn("snapshot '{}' epoch {} FAILED: {}", info.name(), info.epoch(), reason.toString());
            try {
                Files.deleteIfExists(dir.resolve(BackupManifest.FILE));
                Checkpoints.deleteTree(dir);
            } catch (IOException e) {
                LOG.warn("could not remove the failed snapshot's directory {}: {}", dir, e.toString());
            }
            try {
                registry.finish(info, SnapshotState.FAILED, reason.code() + ": " + reason.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("could not record snapshot '{}' FAILED: {}", info.name(), e.toString());
            }
        }
    }
}
