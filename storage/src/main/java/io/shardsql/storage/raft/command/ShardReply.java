package io.shardsql.storage.raft.command;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;

import java.util.List;
import java.util.SortedMap;

/** The answer to a {@link ShardCommand} or a {@link ShardQuery}. */
public sealed interface ShardReply {

    /** The command was applied. */
    record Done() implements ShardReply {}

    /**
     * The command or query failed and changed nothing. {@code lockedKey} and {@code lock} are set for
     * {@code KEY_LOCKED}; {@code lockedKey} alone for {@code UNIQUE_VIOLATION}, the key an insert found taken.
     */
    record Failed(ErrorCode code, String message, byte[] lockedKey, Lock lock) implements ShardReply {
        /** The failure {@code e} reports; a {@link KeyLockedException} brings its key and lock along. */
        public static Failed of(ShardSqlException e) {
            if (e instanceof KeyLockedException locked) {
                return new Failed(e.code(), e.getMessage(), locked.key(), locked.lock());
            }
            if (e instanceof KeyExistsException exists) return new Failed(e.code(), e.getMessage(), exists.key(), null);
            return new Failed(e.code(), e.getMessage(), null, null);
        }

        /** The failure as an exception; a taken key comes back as a {@link KeyExistsException} naming it. */
        public ShardSqlException toException() {
            if (code == ErrorCode.UNIQUE_VIOLATION && lockedKey != null) {
                return new KeyExistsException(lockedKey, message);
            }
            return new ShardSqlException(code, message);
        }
    }

    /** The entry a point read found, {@code null} if the key has no visible version. */
    record Value(KvEntry entry) implements ShardReply {}

    /** A page of a scan; {@code resumeKey} is where the next page starts, null when the range is done. */
    record Entries(List<KvEntry> entries, byte[] resumeKey) implements ShardReply {}

    /** One reply per command of a {@link ShardCommand.Batch}, in order. */
    record Batched(List<ShardReply> replies) implements ShardReply {}

    /** The applied term and index and the approximate size of the replica that answered a status query. */
    record Status(long appliedTerm, long appliedIndex, long approximateSizeBytes) implements ShardReply {}

    /** A named value, {@code null} if there is none. */
    record Meta(byte[] value) implements ShardReply {}

    /** Named values by name, as a scan of named values found them. */
    record MetaEntries(SortedMap<String, byte[]> entries) implements ShardReply {}

    /** The locks a scan of locks found, each with its key. */
    record Locks(List<LockEntry> locks) implements ShardReply {}

    /**
     * Timestamps {@code first .. first + count - 1}, all fresh; {@code read} is the asked-for key's
     * value at every one of them (a snapshot read), or null if none was asked for or the key is locked
     * by a transaction that may still commit below them (then the caller reads it the usual way).
     * One value fits all: no commit can fall between them, they are all handed to one caller.
     */
    record Timestamps(long first, int count, Value read) implements ShardReply {
        public Timestamps(long first, int count) {
            this(first, count, null);
        }

        public Timestamps withRead(Value value) {
            return new Timestamps(first, count, value);
        }
    }

    /** A single number that a command answers with, such as the value of a counter before the command raised it. */
    record Counter(long value) implements ShardReply {}

    Done DONE = new Done();
}
