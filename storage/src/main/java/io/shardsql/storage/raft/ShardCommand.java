package io.shardsql.storage.raft;

import io.shardsql.storage.Mutation;

import java.util.List;

/**
 * A command in a shard's (or the control group's) Raft log. Each is validated when proposed and
 * applied deterministically on every replica; one Raft entry is applied as one atomic storage write.
 *
 * <p>Room is left for the transaction protocol (prepare / resolve commands) and the snapshot
 * protocol (epoch markers with their fences, ARCHITECTURE §5): they join this family as new records.
 */
public sealed interface ShardCommand permits ShardCommand.CommitWrites, ShardCommand.Batch, ShardCommand.CollectGarbage {

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

    /** Drops versions that no read at or above {@code safePointTs} can see. */
    record CollectGarbage(long safePointTs) implements ShardCommand {}
}
