package io.shardsql.storage.raft;

import io.shardsql.storage.Mutation;

import java.util.List;

/**
 * A command in a shard's, a coordinator's or the control group's Raft log. Each is validated when
 * proposed and applied deterministically on every replica; one Raft entry is applied as one atomic
 * storage write.
 *
 * <p>Families by group: shards apply {@link CommitWrites}, {@link Prepare}, {@link Resolve},
 * {@link CommitLocal} and {@link CollectGarbage}; coordinator groups apply {@link RecordDecision} and
 * {@link ForgetDecisions}; {@code control} applies {@link RaiseTimestampLimit} (and data writes for its
 * catalog). Every command that makes a commit visible carries its commit timestamp, so the epoch fences
 * of the snapshot protocol (ARCHITECTURE §5) can refuse late commits below a cut; the marker itself
 * joins this family as a new record.
 */
public sealed interface ShardCommand permits ShardCommand.CommitWrites, ShardCommand.Batch, ShardCommand.CollectGarbage,
        ShardCommand.Prepare, ShardCommand.Resolve, ShardCommand.CommitLocal, ShardCommand.RecordDecision,
        ShardCommand.ForgetDecisions, ShardCommand.RaiseTimestampLimit {

    /**
     * Writes {@code mutations} as versions at {@code commitTs}, in one phase, all or none. It fails
     * with {@code WRITE_CONFLICT} if any key has a version newer than {@code startTs} (first committer
     * wins) and with {@code KEY_LOCKED} if any key is locked.
     */
    record CommitWrites(long startTs, long commitTs, List<Mutation> mutations) implements ShardCommand {
        public CommitWrites {
            mutations = List.copyOf(mutations);
            if (commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs " + startTs);
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
     * reads below it ({@code SNAPSHOT_TOO_OLD}).
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
            if (commitTs != 0 && commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs " + startTs);
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
            if (commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs " + startTs);
        }
    }

    /**
     * A coordinator's write-once decision on transaction {@code startTs}: stored (see {@link Decisions})
     * unless a decision on it is already there, and the reply is the stored one
     * ({@link ShardReply.Meta}). So the first decision logged wins, whoever proposes the next.
     * {@code commitTs} is the decision's commit timestamp, 0 for an abort. A commit of a transaction
     * that started below the group's garbage-collection safe point is refused ({@code TXN_ABORTED}):
     * abort decisions below it may already have been dropped.
     *
     * @param record what the transaction layer keeps with the decision (participants, ...), opaque here
     */
    record RecordDecision(long startTs, long commitTs, byte[] record) implements ShardCommand {
        public RecordDecision {
            if (record == null) throw new IllegalArgumentException("no record");
            if (commitTs != 0 && commitTs <= startTs) throw new IllegalArgumentException("commitTs " + commitTs + " <= startTs " + startTs);
        }

        public boolean commits() { return commitTs != 0; }
    }

    /** Drops decisions nobody needs any more (every participant resolved its locks). */
    record ForgetDecisions(List<Long> startTs) implements ShardCommand {
        public ForgetDecisions {
            startTs = List.copyOf(startTs);
        }
    }

    /**
     * Raises the timestamp oracle's persisted limit to at least {@code limit} (it never goes down);
     * replies with the limit it replaced ({@link ShardReply.Counter}), which covers every timestamp
     * any earlier leader may have handed out. No timestamp at or above the limit is ever handed out.
     */
    record RaiseTimestampLimit(long limit) implements ShardCommand {}
}
