package io.shardsql.snapshot.log;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.command.ShardQuery;

/**
 * The queries the snapshot adds, answered by the leader's {@link SnapshotReplica}:
 *
 * <pre>
 *   0x19 Flushed | epoch (8) |
 * </pre>
 */
public sealed interface SnapshotQuery extends ShardQuery.Extension permits SnapshotQuery.Flushed {

    /**
     * Answered ({@code DONE}) once the flush the leader started for {@link SnapshotCommand.Flush} of
     * {@code epoch} (or any later one) has ended, well or not: the snapshot driver waits for it before the cut.
     */
    record Flushed(long epoch) implements SnapshotQuery {
        static final int TAG = 0x19;

        public Flushed {
            if (epoch <= 0) throw new IllegalArgumentException("epoch must be positive: " + epoch);
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(epoch);
        }

        static Flushed read(ByteReader in) {
            return new Flushed(in.i64());
        }
    }
}
