package io.shardsql.storage.rocksdb;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/**
 * A RocksDB iterator together with the native objects it needs alive (its read options and upper
 * bound), freed together. {@link #valid()} reports an iterator error (e.g. a corrupted block) as the
 * exception instead of a silent end of data.
 */
final class RangeIterator implements AutoCloseable {
    private final RocksIterator iterator;
    private final ReadOptions options;
    private final Slice upperBound;

    RangeIterator(RocksIterator iterator, ReadOptions options, Slice upperBound) {
        this.iterator = iterator;
        this.options = options;
        this.upperBound = upperBound;
    }

    void seek(byte[] key) {
        iterator.seek(key);
    }

    void seekToFirst() {
        iterator.seekToFirst();
    }

    boolean valid() throws RocksDBException {
        if (iterator.isValid()) return true;
        iterator.status();
        return false;
    }

    byte[] key() {
        return iterator.key();
    }

    /** Copies the key into {@code into} (as much as fits) and returns its full length. */
    int key(byte[] into) {
        return iterator.key(into);
    }

    /** Copies the value's first bytes into {@code into} (as many as fit) and returns its full length. */
    int value(byte[] into) {
        return iterator.value(into);
    }

    byte[] value() {
        return iterator.value();
    }

    void next() {
        iterator.next();
    }

    @Override
    public void close() {
        iterator.close();
        options.close();
        if (upperBound != null) upperBound.close();
    }
}
