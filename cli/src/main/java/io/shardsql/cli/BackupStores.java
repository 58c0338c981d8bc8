package io.shardsql.cli;

import io.shardsql.snapshot.PartOpener;
import io.shardsql.storage.raft.machine.StoreOpener;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;

/**
 * The RocksDB stores the backup tools open, in an environment of their own: backup parts read-only
 * (verify never changes a byte of a backup), staged copies read-write (restore).
 */
final class BackupStores implements AutoCloseable {
    private final RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults());

    /** Opens a part read-only. */
    PartOpener readOnly() {
        return dir -> RocksMvccStore.openReadOnly(dir, env);
    }

    /** Opens a staged copy for writing (fsync'd: nothing replays it). */
    StoreOpener readWrite() {
        return dir -> RocksMvccStore.open(dir, env, true);
    }

    @Override
    public void close() {
        env.close();
    }
}
