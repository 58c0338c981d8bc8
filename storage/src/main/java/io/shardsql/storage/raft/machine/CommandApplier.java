package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.Mutation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies commands to a storage batch. Deterministic: the same command on the same state gives the
 * same writes and the same reply on every replica. A command that fails writes nothing (every check
 * runs before the first write), so a failed command inside a {@link ShardCommand.Batch} leaves the
 * others untouched.
 */
public final class CommandApplier {
    /** The meta name of the garbage-collection safe point (reads below it are refused). */
    public static final String SAFE_POINT = "gc.safe-point";
    /** The meta name of the key the next step of an unfinished collection starts from. */
    static final String GC_CURSOR = "gc.cursor";
    /**
     * How many keys one {@code CollectGarbage} entry visits at most: a fixed number, so that every
     * replica cuts a collection into the same steps.
     */
    public static final int GC_KEYS_PER_STEP = 512;
    /**
     * TEST ONLY, never set in production: a JVM system property that, when {@code true} as an
     * applier is created, makes it skip the write-write conflict check (a key with a version newer
     * than the writer's snapshot) at prepare and one-phase commit, so that concurrent read-modify-writes
     * lose updates. It exists to prove that the history checker (testkit {@code history}) finds lost
     * updates; see docs/testing.md. Off unless set; a warning is logged for every applier it weakens.
     */
    public static final String TEST_SKIP_WRITE_CONFLICT_CHECK = "shardsql.test.skip-write-conflict-check";

    private static final Logger LOG = LoggerFactory.getLogger(CommandApplier.class);

    private final MvccStore store;
    private final GroupExtensions.Opened extensions;
    /**
     * The highest safe point a collection has started for. It is raised before the first version
     * goes — the collection writes its deletes straight to the store, ahead of the entry's batch that
     * records the safe point — so a read can tell that the store it read may have been thinned out.
     */
    private final AtomicLong collectingTo;
    /** {@link #TEST_SKIP_WRITE_CONFLICT_CHECK} as it was when this applier was made. */
    private final boolean skipWriteConflictCheck;

    CommandApplier(MvccStore store) {
        this(store, GroupExtensions.NONE.open(null));
    }

    /** An applier running {@code extensions}' commands too, as a replica whose context is {@code replica} would. */
    public CommandApplier(MvccStore store, GroupExtensions extensions, ReplicaContext replica) {
        this(store, extensions.open(replica));
    }

    CommandApplier(MvccStore store, GroupExtensions.Opened extensions) {
        this.store = store;
        this.extensions = extensions;
        this.collectingTo = new AtomicLong(store.meta(SAFE_POINT).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L));
        this.skipWriteConflictCheck = Boolean.getBoolean(TEST_SKIP_WRITE_CONFLICT_CHECK);
        if (skipWriteConflictCheck) {
            LOG.warn("TEST ONLY: {} is set, this replica does not check write-write conflicts (updates get lost)",
                    TEST_SKIP_WRITE_CONFLICT_CHECK);
        }
    }

    /** Reads below this may find versions a collection removed; see {@link QueryExecutor}. */
    long collectingTo() { return collectingTo.get(); }

    /** Applies {@code command} into {@code batch} (which the caller commits with the entry's applied index). */
    public ShardReply apply(ShardCommand command, MvccBatch batch) {
        if (command instanceof ShardCommand.Batch b) {
            List<ShardReply> replies = new ArrayList<>(b.commands().size());
            for (ShardCommand c : b.commands()) replies.add(apply(c, batch));
            return new ShardReply.Batched(replies);
        }
        try {
            return applyOne(command, batch);
        } catch (ShardSqlException e) {
            if (e.code() == ErrorCode.STORAGE_FAILURE || e.code() == ErrorCode.STORAGE_CORRUPTED) throw e;
            return ShardReply.Failed.of(e);
        }
    }

    private ShardReply applyOne(ShardCommand command, MvccBatch batch) {
        if (command instanceof ShardCommand.CommitWrites cw) return commitWrites(cw, batch);
        if (command instanceof ShardCommand.Prepare p) return prepare(p, batch);
        if (command instanceof ShardCommand.Resolve r) return resolve(r, batch);
        if (command instanceof ShardCommand.CommitLocal cl) return commitLocal(cl, batch);
        if (command instanceof ShardCommand.LockRows l) return lockRows(l, batch);
        if (command instanceof ShardCommand.CollectGarbage gc) return collectGarbage(gc, batch);
        if (command instanceof ShardCommand.Extension e) return extensions.apply(e, batch);
        throw new ShardSqlException(ErrorCode.BAD_COMMAND, "unknown command " + command.getClass().getSimpleName());
    }

    private ShardReply commitWrites(ShardCommand.CommitWrites cw, MvccBatch batch) {
        extensions.checkCommit(cw.commitTs(), batch);
        for (Mutation m : cw.mutations()) {
            Optional<Lock> lock = batch.lock(m.key());
            if (lock.isPresent()) throw new KeyLockedException(m.key(), lock.get().holders().get(0));
            markIfOverwrite(batch, m, checkNoNewerVersion(batch, m.key(), cw.startTs()));
        }
        for (Mutation m : cw.mutations()) batch.writeVersion(m.key(), cw.commitTs(), m.value());
        return ShardReply.DONE;
    }

    /**
     * Write intents on every key, all or none. Any other transaction's hold on a key is in the way (a row
     * lock too); the transaction's own row lock on the key becomes its write intent (the upgrade). Each key
     * must be free of versions newer than the snapshot, and an insert's key must have no value at the
     * snapshot (else {@link KeyExistsException}).
     */
    private ShardReply prepare(ShardCommand.Prepare p, MvccBatch batch) {
        for (Mutation m : p.mutations()) {
            Optional<Lock> held = batch.lock(m.key());
            Optional<Lock> other = held.flatMap(l -> l.otherThan(p.startTs()));
            if (other.isPresent()) throw new KeyLockedException(m.key(), other.get());
            long latest = checkNoNewerVersion(batch, m.key(), p.startTs());
            // its own write intent: this prepare is repeated, and the first one checked the key
            boolean repeated = held.flatMap(l -> l.heldBy(p.startTs())).filter(Lock::isWrite).isPresent();
            if (m.insert() && latest != 0 && !repeated) checkAbsent(batch, m.key(), p.startTs());
            markIfOverwrite(batch, m, latest);
        }
        for (Mutation m : p.mutations()) {
            batch.putLock(m.key(), new Lock(p.startTs(), p.owner(), m.value(), p.ttlMillis()));
        }
        return ShardReply.DONE;
    }

    private ShardReply lockRows(ShardCommand.LockRows l, MvccBatch batch) {
        List<LockEntry> inTheWay = new ArrayList<>();
        List<byte[]> free = new ArrayList<>(l.keys().size());
        for (byte[] key : l.keys()) {
            checkNoNewerVersion(batch, key, l.startTs());
            Optional<Lock> blocking = RowLockRules.blocking(batch.lock(key), l.startTs(), l.mode());
            if (blocking.isEmpty()) {
                free.add(key);
            } else if (l.skipLocked()) {
                inTheWay.add(new LockEntry(key, blocking.get()));
            } else {
                throw new KeyLockedException(key, blocking.get());
            }
        }
        Lock mine = Lock.rowLock(l.startTs(), l.owner(), l.ttlMillis(), l.mode());
        for (byte[] key : free) {
            Optional<Lock> after = RowLockRules.merged(batch.lock(key), mine);
            if (after.isPresent()) batch.putLock(key, after.get());
        }
        return l.skipLocked() ? new ShardReply.Locks(inTheWay) : ShardReply.DONE;
    }

    private ShardReply resolve(ShardCommand.Resolve r, MvccBatch batch) {
        for (LockEntry e : locksOf(r.startTs(), r.keys(), batch)) {
            if (r.commits() && e.lock().isWrite()) batch.writeVersion(e.key(), r.commitTs(), e.lock().value());
            release(batch, e.key(), r.startTs());
        }
        return ShardReply.DONE;
    }

    private ShardReply commitLocal(ShardCommand.CommitLocal cl, MvccBatch batch) {
        extensions.checkCommit(cl.commitTs(), batch);
        List<LockEntry> held = locksOf(cl.startTs(), cl.keys(), batch);
        if (held.size() != cl.keys().size()) {
            throw new ShardSqlException(ErrorCode.TXN_ABORTED, "transaction " + cl.startTs() + " was aborted: "
                    + (cl.keys().size() - held.size()) + " of its locks were removed before it committed");
        }
        for (LockEntry e : held) {
            if (e.lock().isWrite()) batch.writeVersion(e.key(), cl.commitTs(), e.lock().value());
            release(batch, e.key(), cl.startTs());
        }
        return ShardReply.DONE;
    }

    /** Removes transaction {@code startTs}'s hold on {@code key}, leaving the other holders of a shared lock. */
    private static void release(MvccBatch batch, byte[] key, long startTs) {
        Optional<Lock> rest = batch.lock(key).flatMap(l -> l.without(startTs));
        if (rest.isPresent()) {
            batch.putLock(key, rest.get());
        } else {
            batch.removeLock(key);
        }
    }

    /**
     * The holds transaction {@code startTs} has on {@code keys}, or on the whole shard if none are named: each
     * entry names the key and the transaction's own (single-holder) lock on it.
     */
    private static List<LockEntry> locksOf(long startTs, List<byte[]> keys, MvccBatch batch) {
        List<LockEntry> held = new ArrayList<>();
        if (keys.isEmpty()) {
            for (LockEntry e : batch.scanLocks(new byte[0], null, Integer.MAX_VALUE)) {
                e.lock().heldBy(startTs).ifPresent(l -> held.add(new LockEntry(e.key(), l)));
            }
            return held;
        }
        for (byte[] key : keys) {
            batch.lock(key).flatMap(l -> l.heldBy(startTs)).ifPresent(l -> held.add(new LockEntry(key, l)));
        }
        return held;
    }

    /**
     * A step of garbage collection: a new safe point is recorded (reads below it refused from now on) and
     * its collection starts from the first key; the current safe point again continues an unfinished
     * collection from {@link #GC_CURSOR}; anything else has nothing to do.
     */
    private ShardReply collectGarbage(ShardCommand.CollectGarbage gc, MvccBatch batch) {
        long current = longMeta(batch, SAFE_POINT);
        byte[] from;
        if (gc.safePointTs() > current) {
            collectingTo.accumulateAndGet(gc.safePointTs(), Math::max);
            extensions.collected(gc.safePointTs(), store, batch);
            batch.putMeta(SAFE_POINT, longBytes(gc.safePointTs()));
            from = new byte[0];
        } else if (gc.safePointTs() == current && batch.meta(GC_CURSOR).isPresent()) {
            from = batch.meta(GC_CURSOR).get();
        } else {
            return ShardReply.DONE;
        }
        MvccStore.GarbageStep step = store.collectGarbage(gc.safePointTs(), from, GC_KEYS_PER_STEP);
        if (step.complete()) {
            batch.deleteMeta(GC_CURSOR);
            return ShardReply.DONE;
        }
        batch.putMeta(GC_CURSOR, step.nextKey());
        return new ShardReply.Counter(1);
    }

    /**
     * The commit timestamp of {@code key}'s newest version (0: none); fails if it is above {@code startTs}
     * (unless the test-only {@link #TEST_SKIP_WRITE_CONFLICT_CHECK} weakened this applier).
     */
    private long checkNoNewerVersion(MvccBatch batch, byte[] key, long startTs) {
        long latest = batch.latestCommitTs(key);
        if (latest > startTs && !skipWriteConflictCheck) {
            throw new ShardSqlException(ErrorCode.WRITE_CONFLICT, "key " + Bytes.toHex(key)
                    + " was written at " + latest + ", after this transaction's snapshot " + startTs);
        }
        return latest;
    }

    /**
     * An insert's check: {@code key} (whose newest version is at or below {@code startTs}) must have no value
     * visible at {@code startTs} — none at all, or a delete as its newest version.
     */
    private static void checkAbsent(MvccBatch batch, byte[] key, long startTs) {
        if (batch.get(key, startTs).isPresent()) throw new KeyExistsException(key);
    }

    /**
     * A write over an existing version, or a delete, leaves a version that garbage collection will
     * remove one day: mark the key now, while its newest version is known (no read needed). Marked
     * at prepare, before the lock resolves; a key whose transaction aborts is unmarked by the next
     * collection.
     */
    private static void markIfOverwrite(MvccBatch batch, Mutation m, long latestCommitTs) {
        if (latestCommitTs != 0 || m.value() == null) batch.markGarbageCandidate(m.key());
    }

    /** A meta value holding one long (0 if absent). */
    public static long longMeta(MvccBatch batch, String name) {
        return batch.meta(name).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
    }

    /** One long as a meta value. */
    public static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }
}
