package io.shardsql.snapshot.log;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ReplicaExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static io.shardsql.storage.raft.machine.CommandApplier.longBytes;
import static io.shardsql.storage.raft.machine.CommandApplier.longMeta;

/**
 * The snapshot's part of one replica: applies markers and keeps the epoch fence.
 *
 * <p>Applying {@code Marker(e, S)} (on every replica: apply is deterministic, so the part survives the
 * death of any one of them):
 * <ol>
 *   <li>an epoch below the last one applied here is refused ({@code SNAPSHOT_EPOCH_STALE}); the same
 *       epoch again (a retried marker) answers what the part is, and changes nothing;</li>
 *   <li>otherwise the replica checkpoints its store — the state up to the entry before the marker,
 *       since the marker's own batch is not committed yet — into {@code <dataDir>/backup/<e>/}, sealed
 *       by its manifest, and drops the parts of older epochs;</li>
 *   <li>only then does the marker's batch record the epoch, the cut point (term, index, lock count)
 *       and the fence (the highest S seen), with the applied index.</li>
 * </ol>
 * A crash between the checkpoint and the commit replays the marker, which takes the part again over
 * whatever the crash left. A failed checkpoint (disk full, ...) does not stop the replica: the fence is
 * recorded all the same and the reply names the error; another replica's part serves.
 *
 * <p>Meta values kept (deterministic, the same on every replica):
 * <pre>
 *   snapshot.epoch   | e (8) |                       the last epoch applied
 *   snapshot.fence   | S (8) |                       commits below it are refused
 *   snapshot.cut     | term (8) | index (8) | lockCount (8) |   where the last part was cut
 *   snapshot.released | e (8) |                      the last epoch ended ({@link SnapshotCommand.Release})
 * </pre>
 *
 * <p>Applying {@code Flush(e)}, sent just before the cut, starts a flush of the store's memtables off the apply
 * thread; the marker's checkpoint then flushes only what came after. The {@code Flushed(e)} query waits for the
 * leader's flush.
 *
 * <p>Applying {@code Release(e)} deletes this replica's part of {@code e} (the driver copied what it
 * needed) and records {@code e} as released, so that a late marker of {@code e} is refused; the fence
 * stays. A replica that reopens its store deletes the parts of ended epochs it still has.
 */
final class SnapshotReplica implements ReplicaExtension {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReplica.class);
    static final String EPOCH = "snapshot.epoch";
    static final String FENCE = "snapshot.fence";
    static final String CUT = "snapshot.cut";
    static final String RELEASED = "snapshot.released";
    /** Locks counted per page when a part is cut. */
    private static final int LOCK_PAGE = 10_000;

    private final ReplicaContext replica;
    private final Executor flushes;
    /** The last flush started for {@link SnapshotCommand.Flush}; ends normally even when the flush failed. */
    private volatile CompletableFuture<Void> flushing = CompletableFuture.completedFuture(null);
    /**
     * The fence as the store {@link #fenceOf} read it from holds it (apply thread only): every commit checks
     * it, a marker is rare. Read again after a marker (whose batch may not have committed) or when the
     * store was replaced (a snapshot install), so it is always what the store holds.
     */
    private MvccStore fenceOf;
    private long fence;

    SnapshotReplica(ReplicaContext replica, Executor flushes) {
        this.replica = replica;
        this.flushes = flushes;
    }

    @Override
    public ShardReply apply(ShardCommand.Extension command, MvccBatch batch) {
        if (command instanceof SnapshotCommand.Release r) return release(r, batch);
        if (command instanceof SnapshotCommand.Flush f) return startFlush(f);
        if (!(command instanceof SnapshotCommand.Marker m)) {
            throw new ShardSqlException(ErrorCode.BAD_COMMAND,
                    "not a snapshot command: " + command.getClass().getSimpleName());
        }
        long done = longMeta(batch, EPOCH);
        if (m.epoch() < done) {
            throw new ShardSqlException(ErrorCode.SNAPSHOT_EPOCH_STALE, replica.name()
                    + ": the marker of snapshot epoch " + m.epoch() + " arrived after that of epoch " + done);
        }
        long released = longMeta(batch, RELEASED);
        if (m.epoch() <= released) {
            throw new ShardSqlException(ErrorCode.SNAPSHOT_EPOCH_STALE, replica.name()
                    + ": the marker of snapshot epoch " + m.epoch() + " arrived after that epoch ended");
        }
        if (m.epoch() == done) return new ShardReply.Meta(describe(m.epoch(), longMeta(batch, FENCE), batch).encode());
        PartTaken part = takePart(m);
        fenceOf = null;
        batch.putMeta(EPOCH, longBytes(m.epoch()));
        batch.putMeta(FENCE, longBytes(Math.max(longMeta(batch, FENCE), m.cutTs())));
        batch.putMeta(CUT, ByteBuffer.allocate(3 * Long.BYTES).putLong(part.term()).putLong(part.index())
                .putLong(part.lockCount()).array());
        return new ShardReply.Meta(part.encode());
    }

    /**
     * Ends epoch {@code r.epoch()} here: records it as released (a later marker of it is refused) and
     * deletes this replica's part of it. The fence and the cut stay as they are. A file that cannot be
     * deleted is logged and left to the next start or the next epoch; it never stops the replica.
     */
    private ShardReply release(SnapshotCommand.Release r, MvccBatch batch) {
        if (r.epoch() > longMeta(batch, RELEASED)) batch.putMeta(RELEASED, longBytes(r.epoch()));
        Path dir = partDir(r.epoch());
        if (dir != null) {
            try {
                Checkpoints.deleteTree(dir);
                Checkpoints.deleteTree(dir.resolveSibling(dir.getFileName() + ".tmp"));
            } catch (IOException | RuntimeException e) {
                LOG.warn("{}: could not delete its part of ended snapshot epoch {} in {}: {}", replica.name(),
                        r.epoch(), dir, e.toString());
            }
        }
        return ShardReply.DONE;
    }

    /**
     * Deletes the parts of ended epochs that a replica may have kept through a crash or an install (a
     * release it never applied): every part older than the last marker applied, and the last one too
     * once its epoch is released. A part newer than the last marker is left: its marker is replayed.
     */
    @Override
    public void storeOpened(MvccStore store) {
        Path root = replica.dataDir() == null ? null : replica.dataDir().resolve(SnapshotLogExtension.PARTS_DIR);
        if (root == null || !Files.isDirectory(root)) return;
        long epoch = longOf(store.meta(EPOCH));
        long released = longOf(store.meta(RELEASED));
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                long e = epochOf(d);
                if (e >= 0 && (e < epoch || e <= released)) {
                    Checkpoints.deleteTree(d);
                    LOG.info("{}: deleted its part of ended snapshot epoch {}", replica.name(), e);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: could not tidy the parts of ended snapshot epochs in {}: {}", replica.name(), root,
                    e.toString());
        }
    }

    private static long longOf(Optional<byte[]> meta) {
        return meta.map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
    }

    /** The epoch a part directory ({@code <e>} or {@code <e>.tmp}) belongs to; -1 for any other name. */
    private static long epochOf(Path d) {
        String name = d.getFileName().toString();
        if (name.endsWith(".tmp")) name = name.substring(0, name.length() - 4);
        if (name.isEmpty() || name.length() > 18 || !name.chars().allMatch(Character::isDigit)) return -1;
        return Long.parseLong(name);
    }

    /**
     * Refuses a commit below the fence: its transaction would be half in a snapshot whose groups applied
     * the marker before it arrived. The committer takes a new timestamp (above the cut) and commits again.
     */
    @Override
    public void checkCommit(long commitTs, MvccBatch batch) {
        MvccStore store = replica.store();
        if (store != fenceOf || store == null) {
            fence = longMeta(batch, FENCE);
            fenceOf = store;
        }
        if (commitTs < fence) {
            throw new ShardSqlException(ErrorCode.EPOCH_FENCED, "commit timestamp " + commitTs
                    + " is below the cut " + fence + " of a snapshot; commit again with a new timestamp");
        }
    }

    @Override
    public CompletableFuture<ShardReply> query(ShardQuery.Extension query) {
        if (!(query instanceof SnapshotQuery.Flushed)) {
            throw new ShardSqlException(ErrorCode.BAD_COMMAND,
                    "not a snapshot query: " + query.getClass().getSimpleName());
        }
        return flushing.thenApply(done -> ShardReply.DONE);
    }

    /**
     * Starts flushing the store in the background, after any flush still running; the apply thread goes on at
     * once. Nothing is written, so every replica's state stays the same whether or not its flush works.
     */
    private ShardReply startFlush(SnapshotCommand.Flush f) {
        MvccStore store = replica.store();
        if (store == null || replica.dataDir() == null) return ShardReply.DONE;
        flushing = flushing.thenRunAsync(() -> {
            long t0 = System.nanoTime();
            try {
                store.flush();
                LOG.debug("{}: flushed ahead of the cut of epoch {} in {} ms", replica.name(), f.epoch(),
                        (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.info("{}: could not flush ahead of the cut of epoch {}: {}", replica.name(), f.epoch(),
                        e.toString());
            }
        }, flushes);
        return ShardReply.DONE;
    }

    /** Checkpoints the state before the marker as this replica's part of epoch {@code m.epoch()}. */
    private PartTaken takePart(SnapshotCommand.Marker m) {
        MvccStore store = replica.store();
        AppliedIndex at = store.appliedIndex();
        long t0 = System.nanoTime();
        long locks = countLocks(store);
        long t1 = System.nanoTime();
        Path dir = partDir(m.epoch());
        if (dir == null) {
            return new PartTaken(m.epoch(), m.cutTs(), at.term(), at.index(), 0, locks, "this replica keeps no files");
        }
        try {
            Checkpoints.Checkpoint cp = Checkpoints.take(store, dir, at.term(), at.index());
            dropPartsBefore(m.epoch());
            LOG.debug("{}: part of epoch {} taken on the apply thread: locks counted in {} ms, checkpointed in {} ms",
                    replica.name(), m.epoch(), (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
            return new PartTaken(m.epoch(), m.cutTs(), at.term(), at.index(), sizeOf(cp), locks, null);
        } catch (IOException | RuntimeException e) {
            LOG.error("{}: could not write its part of snapshot epoch {} into {}", replica.name(), m.epoch(), dir, e);
            return new PartTaken(m.epoch(), m.cutTs(), at.term(), at.index(), 0, locks, e.toString());
        }
    }

    /** The part of {@code epoch} as this replica has it now (for a repeated marker). */
    private PartTaken describe(long epoch, long fence, MvccBatch batch) {
        ByteBuffer cut = ByteBuffer.wrap(batch.meta(CUT).orElse(new byte[3 * Long.BYTES]));
        long term = cut.getLong();
        long index = cut.getLong();
        long locks = cut.getLong();
        Path dir = partDir(epoch);
        Optional<Checkpoints.Checkpoint> cp = dir == null ? Optional.empty() : Checkpoints.read(dir);
        if (cp.isEmpty()) {
            return new PartTaken(epoch, fence, term, index, 0, locks,
                    "no part here (the replica was installed past the marker, or could not write it)");
        }
        return new PartTaken(epoch, fence, term, index, sizeOf(cp.get()), locks, null);
    }

    /** Where this replica keeps its part of {@code epoch}; null if it keeps no files. */
    private Path partDir(long epoch) {
        Path data = replica.dataDir();
        return data == null ? null : data.resolve(SnapshotLogExtension.PARTS_DIR).resolve(Long.toString(epoch));
    }

    /** Parts of older epochs are no longer needed: one snapshot runs at a time, and a new one began. */
    private void dropPartsBefore(long epoch) throws IOException {
        Path root = replica.dataDir().resolve(SnapshotLogExtension.PARTS_DIR);
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                long e = epochOf(d);
                if (e >= 0 && e < epoch) Checkpoints.deleteTree(d);
            }
        }
    }

    private static long sizeOf(Checkpoints.Checkpoint cp) {
        long bytes = 0;
        for (String f : cp.files()) {
            try {
                bytes += Files.size(cp.dir().resolve(f));
            } catch (IOException e) {
                return -1;
            }
        }
        return bytes;
    }

    /** The locks the store holds: the in-flight transactions, the cut's channel state. */
    private static long countLocks(MvccStore store) {
        long count = 0;
        byte[] from = new byte[0];
        while (true) {
            List<LockEntry> page = store.scanLocks(from, null, LOCK_PAGE);
            count += page.size();
            if (page.size() < LOCK_PAGE) return count;
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1); // the smallest key after the last one
        }
    }
}
