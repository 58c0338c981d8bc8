package io.shardsql.snapshot.log;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.command.ShardCommand;

/**
 * The commands the snapshot adds to the groups' logs, applied by {@link SnapshotReplica}:
 *
 * <pre>
 *   0x0A Marker | epoch (8) | cutTs (8) |
 * </pre>
 *
 * These are in the logs of existing clusters: tags and bodies never change.
 */
public sealed interface SnapshotCommand extends ShardCommand.Extension permits SnapshotCommand.Marker {

    /**
     * The marker of snapshot epoch {@code epoch} with cut timestamp {@code cutTs}. Where it lands in a
     * group's log is that group's cut point: the replica applying it takes its part (a checkpoint of
     * the state before it) and from then on refuses commits below {@code cutTs}. Sent alone in its
     * entry (never batched), and idempotent: a repeat of the same epoch answers what the first did.
     */
    record Marker(long epoch, long cutTs) implements SnapshotCommand {
        static final int TAG = 0x0A;

        public Marker {
            if (epoch <= 0) throw new IllegalArgumentException("epoch must be positive: " + epoch);
            if (cutTs <= 0) throw new IllegalArgumentException("cut timestamp must be positive: " + cutTs);
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(epoch).i64(cutTs);
        }

        static Marker read(ByteReader in) {
            return new Marker(in.i64(), in.i64());
        }
    }
}
