package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;

import java.nio.file.Path;

/**
 * A real RocksDB store with a {@link CommandApplier} on it that applies each command the way
 * {@link ShardStateMachine#applyTransaction} does: one batch, the applied index, one commit.
 */
final class AppliedStore implements AutoCloseable {
    private static final long MIB = 1L << 20;

    private final RocksEnvironment env;
    private final MvccStore store;
    private final CommandApplier applier;
    private long index;

    AppliedStore(Path dir) {
        env = RocksEnvironment.create(new RocksSettings(16 * MIB, 8 * MIB, 8 * MIB, 2));
        store = RocksMvccStore.open(dir, env, false);
        applier = new CommandApplier(store);
    }

    MvccStore store() {
        return store;
    }

    /** Applies {@code command} as the next log entry and returns its reply. */
    ShardReply apply(ShardCommand command) {
        try (MvccBatch batch = store.newBatch()) {
            ShardReply reply = applier.apply(command, batch);
            batch.setAppliedIndex(1, ++index);
            batch.commit();
            return reply;
        }
    }

    @Override
    public void close() {
        store.close();
        env.close();
    }
}
