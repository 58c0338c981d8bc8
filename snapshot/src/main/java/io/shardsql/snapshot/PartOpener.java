package io.shardsql.snapshot;

import io.shardsql.storage.MvccStore;

import java.nio.file.Path;

/**
 * Opens a backup's part (a store checkpoint) for reading only, changing no file in it: the node decides
 * the storage technology ({@code RocksMvccStore.openReadOnly} on a server, the in-memory store in tests),
 * so this module never depends on {@code storage.rocksdb}.
 */
@FunctionalInterface
public interface PartOpener {
    /** The store in {@code partDir}, read-only; throws {@code STORAGE_CORRUPTED} if it is not a sound store. */
    MvccStore openReadOnly(Path partDir);
}
