package io.shardsql.storage.rocksdb;

import io.shardsql.storage.MvccStore;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

import java.util.Arrays;

/**
 * Removes the versions no read at or above a safe point can see: per user key, every version older
 * than the newest one with {@code commitTs <= safePointTs}, and that one too if it is a delete.
 * Versions above the safe point are never touched.
 *
 * <pre>
 *   user key k, newest first:   v@90  v@70 | v@50  v@30  v@10        safe point 60
 *                               kept  kept | kept  gone  gone        (v@50 goes too if a delete)
 * </pre>
 *
 * <p>Only keys in the {@code garbage-candidates} family are visited (a key is marked there when a
 * write over an existing version, or a delete, is prepared: {@link RocksMvccBatch#markGarbageCandidate}),
 * so a collection costs in proportion to what was overwritten or deleted, not to the size of the store.
 * A key stays marked while it has a lock, more than one version, or a delete left.
 *
 * <pre>
 *   garbage-candidates:  key = user key (as is)    value = empty
 *   meta (a flag):       "gc.candidates-complete"  present once every key that may hold garbage is marked
 * </pre>
 *
 * A store from before the candidates family has no such flag: its first collection walks every
 * key once (marking what it must keep) and writes it. The walk reads one snapshot and deletes with
 * point deletes, committed every {@value #DELETES_PER_WRITE} deletes: the outcome depends only on the
 * data and the safe point, so replicas that collect at the same safe point end up identical. Reads at
 * {@code ts >= safePointTs} see the same values before, during and after a collection.
 */
final class GarbageCollector {
    static final int DELETES_PER_WRITE = 1024;
    static final byte[] MARK = new byte[0];
    static final String CANDIDATES_COMPLETE = "gc.candidates-complete";

    private final RocksHandles handles;
    private final ColumnFamilies families;

    GarbageCollector(RocksHandles handles) {
        this.handles = handles;
        this.families = handles.families;
    }

    /** Records, in a store created empty, that every key that may hold garbage will be marked. */
    static void markCandidatesComplete(RocksHandles handles) throws RocksDBException {
        try (WriteBatch w = new WriteBatch()) {
            w.put(handles.families.meta(), MetaLayout.flagKey(CANDIDATES_COMPLETE), MARK);
            handles.writeUnguarded(w);
        }
    }

    /**
     * One step of a collection, from {@code fromKey} over at most {@code maxKeys} keys; runs under
     * {@link RocksHandles#read}.
     */
    MvccStore.GarbageStep collect(ReadView view, long safePointTs, byte[] fromKey, int maxKeys)
            throws RocksDBException {
        try (WriteBatch writes = new WriteBatch()) {
            MvccStore.GarbageStep step = view.get(families.meta(), MetaLayout.flagKey(CANDIDATES_COMPLETE)) != null
                    ? collectCandidates(view, safePointTs, fromKey, maxKeys, writes)
                    : collectEverything(view, safePointTs, fromKey, maxKeys, writes);
            writeAndClear(writes);
            return step;
        }
    }

    private MvccStore.GarbageStep collectCandidates(ReadView view, long safePointTs, byte[] fromKey, int maxKeys,
            WriteBatch writes) throws RocksDBException {
        long removed = 0;
        int visited = 0;
        try (RangeIterator candidates = view.iterate(families.garbage(), null);
             RangeIterator versions = view.iterate(families.versions(), null)) {
            for (candidates.seek(fromKey); candidates.valid(); candidates.next()) {
                byte[] key = candidates.key();
                if (visited++ == maxKeys) return new MvccStore.GarbageStep(removed, key);
                versions.seek(VersionKeys.keyPrefix(key));
                KeyOutcome outcome = collectKey(versions, key, safePointTs, writes);
                removed += outcome.removed();
                if (!outcome.mayHoldMore() && view.get(families.locks(), key) == null) {
                    writes.delete(families.garbage(), key);
                }
                if (writes.count() >= DELETES_PER_WRITE) writeAndClear(writes);
            }
        }
        return new MvccStore.GarbageStep(removed, null);
    }

    /**
     * The walk over every key of a store whose candidates are not known, one step of it; marks what stays
     * a candidate, and once the walk is complete, every locked key, and records that candidates are known.
     */
    private MvccStore.GarbageStep collectEverything(ReadView view, long safePointTs, byte[] fromKey, int maxKeys,
            WriteBatch writes) throws RocksDBException {
        long removed = 0;
        int visited = 0;
        try (RangeIterator versions = view.iterate(families.versions(), null)) {
            versions.seek(VersionKeys.keyPrefix(fromKey));
            while (versions.valid()) {
                byte[] key = VersionKeys.userKey(versions.key());
                if (visited++ == maxKeys) return new MvccStore.GarbageStep(removed, key);
                KeyOutcome outcome = collectKey(versions, key, safePointTs, writes);
                removed += outcome.removed();
                if (outcome.mayHoldMore()) writes.put(families.garbage(), key, MARK);
                if (writes.count() >= DELETES_PER_WRITE) writeAndClear(writes);
            }
        }
        try (RangeIterator locks = view.iterate(families.locks(), null)) {
            for (locks.seekToFirst(); locks.valid(); locks.next()) writes.put(families.garbage(), locks.key(), MARK);
        }
        writes.put(families.meta(), MetaLayout.flagKey(CANDIDATES_COMPLETE), MARK);
        return new MvccStore.GarbageStep(removed, null);
    }

    /**
     * Deletes every version with {@code commitTs >= ts}; runs under {@link RocksHandles#read}. Keys are read
     * into one reused buffer: a restore runs this over every version of a part, and most are kept.
     */
    long dropFrom(ReadView view, long ts) throws RocksDBException {
        long removed = 0;
        try (WriteBatch writes = new WriteBatch();
             RangeIterator versions = view.iterate(families.versions(), null)) {
            byte[] key = new byte[256];
            for (versions.seekToFirst(); versions.valid(); versions.next()) {
                int length = versions.key(key);
                if (length > key.length) {
                    key = new byte[Math.max(length, 2 * key.length)];
                    versions.key(key);
                }
                if (VersionKeys.commitTs(key, length) < ts) continue;
                writes.delete(families.versions(), Arrays.copyOf(key, length));
                removed++;
                if (writes.count() >= DELETES_PER_WRITE) writeAndClear(writes);
            }
            writeAndClear(writes);
        }
        return removed;
    }

    /** What collecting one key did: versions removed, and whether versions it may collect later are left. */
    private record KeyOutcome(long removed, boolean mayHoldMore) {}

    /**
     * Collects {@code key}'s versions, {@code it} positioned at its newest (or past it if it has none),
     * and leaves {@code it} on the next key's first version.
     */
    private KeyOutcome collectKey(RangeIterator it, byte[] key, long safePointTs, WriteBatch writes)
            throws RocksDBException {
        byte[] prefix = VersionKeys.keyPrefix(key);
        long removed = 0;
        int left = 0;
        boolean deleteLeft = false;
        boolean reachedSafePoint = false;
        for (; it.valid() && VersionKeys.hasPrefix(it.key(), prefix); it.next()) {
            byte[] versionKey = it.key();
            boolean delete = VersionValues.isDelete(it.value());
            if (reachedSafePoint || (VersionKeys.commitTs(versionKey) <= safePointTs && delete)) {
                writes.delete(families.versions(), versionKey);
                removed++;
            } else {
                left++;
                deleteLeft |= delete;
            }
            reachedSafePoint |= VersionKeys.commitTs(versionKey) <= safePointTs;
        }
        return new KeyOutcome(removed, left > 1 || deleteLeft);
    }

    private void writeAndClear(WriteBatch writes) throws RocksDBException {
        if (writes.count() == 0) return;
        handles.writeUnguarded(writes);
        writes.clear();
    }
}
