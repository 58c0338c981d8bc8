package io.shardsql.storage.rocksdb;

import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;

/**
 * One consistent point-in-time view of a store for one read operation: every get and iterator of the
 * view reads the same RocksDB snapshot, so a lock check and the versions it guards never disagree.
 * With an {@code overlay}, the view shows the committed state plus that batch's own writes.
 */
final class ReadView implements AutoCloseable {
    private final RocksDB db;
    private final WriteBatchWithIndex overlay;
    private final Snapshot snapshot;
    private final ReadOptions options;

    /** @param overlay the batch whose writes to show on top of the committed state, or {@code null} */
    ReadView(RocksDB db, WriteBatchWithIndex overlay) {
        this.db = db;
        this.overlay = overlay;
        this.snapshot = db.getSnapshot();
        this.options = new ReadOptions().setSnapshot(snapshot);
    }

    /** The value of {@code key} in {@code family}, or {@code null}. */
    byte[] get(ColumnFamilyHandle family, byte[] key) throws RocksDBException {
        return overlay == null ? db.get(family, options, key) : overlay.getFromBatchAndDB(db, family, options, key);
    }

    /** An iterator over {@code family}, ending before {@code upperBound} ({@code null}: no bound). */
    RangeIterator iterate(ColumnFamilyHandle family, byte[] upperBound) {
        Slice bound = upperBound == null ? null : new Slice(upperBound);
        ReadOptions iteratorOptions = new ReadOptions().setSnapshot(snapshot);
        if (bound != null) iteratorOptions.setIterateUpperBound(bound);
        RocksIterator base = db.newIterator(family, iteratorOptions);
        RocksIterator iterator = overlay == null ? base : overlay.newIteratorWithBase(family, base, iteratorOptions);
        return new RangeIterator(iterator, iteratorOptions, bound);
    }

    @Override
    public void close() {
        options.close();
        db.releaseSnapshot(snapshot);
    }
}
