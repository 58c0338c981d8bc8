package io.shardsql.storage.raft.machine;

import io.shardsql.storage.MvccStore;

import java.nio.file.Path;

/** Opens (creating if needed) the storage of one replica in a directory; the node decides the technology. */
@FunctionalInterface
public interface StoreOpener {
    MvccStore open(Path dir);
}
