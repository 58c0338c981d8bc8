package io.shardsql.storage.rocksdb;

import org.rocksdb.ColumnFamilyHandle;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The open column families of one store (layouts in {@link VersionKeys}, {@link VersionValues},
 * {@link LockCodec}, {@link MetaLayout}, {@link GarbageCollector}). {@code defaultFamily} is unused
 * but RocksDB always has it.
 */
record ColumnFamilies(ColumnFamilyHandle defaultFamily, ColumnFamilyHandle versions,
                      ColumnFamilyHandle locks, ColumnFamilyHandle meta, ColumnFamilyHandle garbage) {

    static final byte[] VERSIONS = "versions".getBytes(StandardCharsets.UTF_8);
    static final byte[] LOCKS = "locks".getBytes(StandardCharsets.UTF_8);
    static final byte[] META = "meta".getBytes(StandardCharsets.UTF_8);
    static final byte[] GARBAGE = "garbage-candidates".getBytes(StandardCharsets.UTF_8);

    /** The handles {@code RocksDB.open} returned for {@link SharedOptions#descriptors()}, in that order. */
    static ColumnFamilies of(List<ColumnFamilyHandle> handles) {
        return new ColumnFamilies(handles.get(0), handles.get(1), handles.get(2), handles.get(3), handles.get(4));
    }

    List<ColumnFamilyHandle> all() {
        return List.of(defaultFamily, versions, locks, meta, garbage);
    }

    /** Frees the handles; call before closing the database. */
    void close() {
        all().forEach(ColumnFamilyHandle::close);
    }
}
