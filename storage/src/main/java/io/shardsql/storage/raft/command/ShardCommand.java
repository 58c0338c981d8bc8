package io.shardsql.storage.raft.command;


import io.shardsql.storage.Lock;
import io.shardsql.storage.Mutation;

import java.util.List;

/**
 * A command in a shard's, a coordinator's or the control group's Raft log. Each is validated when
 * proposed and applied deterministically on every replica; one Raft entry is applied as one atomic
 * storage write.
 *
 * <p>Storage's own commands write versions and locks: {@link CommitWrites}, {@link Prepare},
 * {@link Resolve}, {@link CommitLocal}, {@link LockRows} and {@link CollectGarbage}. Layers above add theirs as
 * {@link Extension}s: the transaction layer its decisions (coordinator groups) and the timestamp
 * oracle's limit ({@code control}); the snapshot its marker. Every command that makes a commit visible
 * carries its commit timestamp, and the state machine lets every extension check it first, so the
 * epoch fences of the snapshot protocol (ARCHITECTURE §5) can refuse late commits below a cut.
 */
public sealed interface ShardCommand permits ShardCommand.CommitWrites, ShardCommand.Batch, ShardCommand.CollectGarbage,
        ShardCommand.Prepare, ShardCommand.Resolve, ShardCommand.CommitLocal, ShardCommand.LockRows,
        ShardCommand.Extension {

    /**
     * Writes {@code mutations} as versions at {@code commitTs}, in one phase, all or none. It fails
     * with {@code WRITE_CONFLICT} if any key has a version newer than {@code startTs} (first committer
     * wins) and with {@code KEY_LOCKED} if any key is locked.
     */
    record CommitWrites(long startTs, long commitTs, List<Mutation> mutations) implements ShardCommand {
        public CommitWrites {
            mutations = List.copyOf(mutations);
            if (commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs "
                    + startTs);
            if (mutations.isEmpty()) throw new IllegalArgumentException("no mutations");
        }
    }

    /** Several commands that arrived together share one Raft entry; each succeeds or fails on its own. */
    record Batch(List<ShardCommand> commands) implements ShardCommand {
        public Batch {
            commands = List.copyOf(commands);
            for (ShardCommand c : commands) {
                if (c instanceof Batch) throw new IllegalArgumentException("nested batch");
            }
        }
    }

    /**
     * Drops versions that no read at or above {@code safePointTs} can see, and from then on refuses
     * reads below it ({@code SNAPSHOT_TOO_OLD}). One entry does a bounded step of the work (so that
     * the group's writes never wait long behind it): a safe point above the group's starts a
     * collection, the same safe point again continues it. The reply is {@code DONE} once the collection
     * is complete, {@code Counter(1)} while steps remain.
     */
    record CollectGarbage(long safePointTs) implements ShardCommand {}

    /**
     * Phase one of a transaction on this shard: locks every key of {@code mutations} for transaction
     * {@code startTs}, each lock carrying its new value, all or none. Fails with {@code KEY_LOCKED} if a
     * key holds another transaction's lock and with {@code WRITE_CONFLICT} if a key has a version newer
     * than {@code startTs}. A key already locked by this transaction is locked again (a repeated
     * prepare is harmless).
     *
     * @param owner     where the transaction's fate is decided (opaque here; see {@code txn})
     * @param ttlMillis how long after {@code startTs}'s physical time the locks may be presumed abandoned
     */
    record Prepare(long startTs, byte[] owner, long ttlMillis, List<Mutation> mutations) implements ShardCommand {
        public Prepare {
            mutations = List.copyOf(mutations);
            if (mutations.isEmpty()) throw new IllegalArgumentException("no mutations");
            if (owner == null) throw new IllegalArgumentException("no owner");
        }
    }

    /**
     * Applies a decision to the locks of transaction {@code startTs}: with {@code commitTs > 0} each
     * becomes a version at {@code commitTs}; with {@code commitTs == 0} (abort) each is removed. Only
     * {@code keys} are touched, or every lock of the transaction on this shard when {@code keys} is
     * empty. Keys without that transaction's lock are skipped, so resolving twice is harmless.
     */
    record Resolve(long startTs, long commitTs, List<byte[]> keys) implements ShardCommand {
        public Resolve {
            keys = List.copyOf(keys);
            if (commitTs != 0 && commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs
                    + " <= startTs " + startTs);
        }

        public boolean commits() { return commitTs != 0; }
    }

    /**
     * Commits a transaction whose every lock is on this shard: this entry is its decision. If any of
     * {@code keys} no longer holds the transaction's lock (someone found it abandoned and aborted it)
     * the command fails with {@code TXN_ABORTED} and writes nothing.
     */
    record CommitLocal(long startTs, long commitTs, List<byte[]> keys) implements ShardCommand {
        public CommitLocal {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) throw new IllegalArgumentException("no keys");
            if (commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs "
                    + startTs);
        }
    }

    /**
     * Takes row locks ({@code SELECT ... FOR UPDATE / FOR SHARE}) on {@code keys} for transaction
     * {@code startTs}: {@link Lock.Mode#EXCLUSIVE} or {@link Lock.Mode#SHARED} locks that carry no value and
     * never become versions; commit or abort removes them ({@link Resolve}). It fails with
     * {@code WRITE_CONFLICT} if a key has a version newer than {@code startTs} (the row changed after the
     * transaction's snapshot). A key held by another transaction in a way that does not coexist with
     * {@code mode} (shared locks coexist with shared locks only) fails the command with {@code KEY_LOCKED}
     * and locks nothing — unless {@code skipLocked}, which locks the other keys and replies with the
     * {@link ShardReply.Locks locks} in the way of those it left out. A key the transaction holds already
     * keeps its stronger hold (a shared lock becomes exclusive when it is the only holder).
     */
    record LockRows(long startTs, byte[] owner, long ttlMillis, Lock.Mode mode, boolean skipLocked, List<byte[]> keys)
            implements ShardCommand {
        public LockRows {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) throw new IllegalArgumentException("no keys");
            if (owner == null) throw new IllegalArgumentException("no owner");
            if (mode == null || !mode.rowLock()) throw new IllegalArgumentException("not a row-lock mode: " + mode);
        }
    }

    /**
     * A command that a layer above storage adds to the logs (the transaction layer's decisions and
     * timestamp limit, the snapshot's marker). It writes its own tag and body; a state machine decodes
     * and applies it through the {@code machine.GroupExtension} that registered the tag (see
     * {@link ExtensionCodecs} for the tags extensions may use).
     */
    non-sealed interface Extension extends ShardCommand {
        /** This command's tag in the codec; one of {@link ExtensionCodecs#COMMAND_TAGS}. */
        int tag();

        /** Writes the command's body (everything after its tag). */
        void writeBody(ByteWriter out);
    }
}
