package io.shardsql.storage.raft.machine;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccReader;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.List;
import java.util.function.LongConsumer;

/**
 * Answers {@link ShardQuery.CheckReads}, the commit-time validation of a SERIALIZABLE transaction's read
 * spans on one shard: first the versions (a commit in {@code (readTs, upToTs]} is a definite conflict), then
 * the write intents that could still commit at or below {@code upToTs}.
 */
final class ReadValidation {
    /** Locks are read this many at a time (a span may hold many row locks, which are skipped). */
    static final int LOCK_PAGE = 1024;

    private ReadValidation() {}

    static ShardReply check(MvccReader store, ShardQuery.CheckReads c, LongConsumer checkSafePoint,
                            LongConsumer checkNotCollected) {
        checkSafePoint.accept(c.readTs());
        for (ShardQuery.CheckReads.Span span : c.spans()) {
            byte[] changed = store.firstChangedKey(span.start(), span.end(), c.readTs(), c.upToTs());
            if (changed != null) {
                throw new ShardSqlException(ErrorCode.SERIALIZATION_FAILURE, "could not serialize access due to"
                        + " read/write dependencies among transactions: key " + Bytes.toHex(changed)
                        + " read by transaction " + c.readTs() + " was written by a transaction that committed"
                        + " before it");
            }
        }
        for (ShardQuery.CheckReads.Span span : c.spans()) checkIntents(store, span, c.readTs(), c.upToTs());
        checkNotCollected.accept(c.readTs());
        return new ShardReply.Done();
    }

    /** A write intent of another transaction that may commit at or below {@code upToTs} fails the check. */
    private static void checkIntents(MvccReader store, ShardQuery.CheckReads.Span span, long readTs, long upToTs) {
        byte[] from = span.start();
        while (true) {
            List<LockEntry> page = store.scanLocks(from, span.end(), LOCK_PAGE);
            for (LockEntry e : page) {
                Lock lock = e.lock();
                if (lock.isWrite() && lock.startTs() != readTs && lock.startTs() <= upToTs) {
                    throw new KeyLockedException(e.key(), lock);
                }
            }
            if (page.size() < LOCK_PAGE) return;
            byte[] last = page.get(page.size() - 1).key();
            from = java.util.Arrays.copyOf(last, last.length + 1);
        }
    }
}
