package io.shardsql.storage.raft;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.Lock;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.Mutation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Applies shard commands to a storage batch. Deterministic: the same command on the same state gives
 * the same writes and the same reply on every replica. A command that fails writes nothing (every
 * check runs before the first write), so a failed command inside a {@link ShardCommand.Batch} leaves
 * the others untouched.
 */
final class CommandApplier {
    private final MvccStore store;

    CommandApplier(MvccStore store) {
        this.store = store;
    }

    ShardReply apply(ShardCommand command, MvccBatch batch) {
        if (command instanceof ShardCommand.Batch b) {
            List<ShardReply> replies = new ArrayList<>(b.commands().size());
            for (ShardCommand c : b.commands()) replies.add(apply(c, batch));
            return new ShardReply.Batched(replies);
        }
        try {
            if (command instanceof ShardCommand.CommitWrites cw) return commitWrites(cw, batch);
            if (command instanceof ShardCommand.CollectGarbage gc) {
                store.collectGarbage(gc.safePointTs());
                return ShardReply.DONE;
            }
            throw new ShardSqlException(ErrorCode.BAD_COMMAND, "unknown command " + command.getClass().getSimpleName());
        } catch (KeyLockedException e) {
            return new ShardReply.Failed(e.code(), e.getMessage(), e.key(), e.lock());
        } catch (ShardSqlException e) {
            if (e.code() == ErrorCode.STORAGE_FAILURE || e.code() == ErrorCode.STORAGE_CORRUPTED) throw e;
            return ShardReply.Failed.of(e);
        }
    }

    private ShardReply commitWrites(ShardCommand.CommitWrites cw, MvccBatch batch) {
        for (Mutation m : cw.mutations()) {
            Optional<Lock> lock = batch.lock(m.key());
            if (lock.isPresent()) throw new KeyLockedException(m.key(), lock.get());
            long latest = batch.latestCommitTs(m.key());
            if (latest > cw.startTs()) {
                throw new ShardSqlException(ErrorCode.WRITE_CONFLICT, "key " + Bytes.toHex(m.key())
                        + " was written at " + latest + ", after this write's snapshot " + cw.startTs());
            }
        }
        for (Mutation m : cw.mutations()) batch.writeVersion(m.key(), cw.commitTs(), m.value());
        return ShardReply.DONE;
    }
}
