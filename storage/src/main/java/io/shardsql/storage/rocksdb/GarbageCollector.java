package io.shardsql.storage.rocksdb;

import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

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
 * The walk reads one snapshot and deletes with point deletes, committed every
 * {@value #DELETES_PER_WRITE} deletes: the outcome depends only on the data and the safe point, so
 * replicas that collect at the same safe point end up identical. Reads at {@code ts >= safePointTs}
 * see the same values before, during and after a collection.
 */
final class GarbageCollector {
    static final int DELETES_PER_WRITE = 1024;

    private final RocksHandles handles;

    GarbageCollector(RocksHandles handles) {
        this.handles = handles;
    }

    /** Runs under {@link RocksHandles#read}; returns how many versions were removed. */
    long collect(ReadView view, long safePointTs) throws RocksDBException {
        long removed = 0;
        try (WriteBatch deletes = new WriteBatch();
             RangeIterator it = view.iterate(handles.families.versions(), null)) {
            it.seekToFirst();
            while (it.valid()) {
                byte[] versionKey = it.key();
                if (VersionKeys.commitTs(versionKey) > safePointTs) {
                    it.seek(VersionKeys.seekKey(VersionKeys.userKey(versionKey), safePointTs));
                    continue;
                }
                if (VersionValues.isDelete(it.value())) removed += delete(deletes, versionKey);
                for (it.next(); it.valid() && VersionKeys.sameUserKey(it.key(), versionKey); it.next()) {
                    removed += delete(deletes, it.key());
                }
                if (deletes.count() >= DELETES_PER_WRITE) writeAndClear(deletes);
            }
            writeAndClear(deletes);
        }
        return removed;
    }

    private int delete(WriteBatch deletes, byte[] versionKey) throws RocksDBException {
        deletes.delete(handles.families.versions(), versionKey);
        return 1;
    }

    private void writeAndClear(WriteBatch deletes) throws RocksDBException {
        if (deletes.count() == 0) return;
        handles.writeUnguarded(deletes);
        deletes.clear();
    }
}
