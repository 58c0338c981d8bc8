package io.shardsql.snapshot.log;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.command.ShardCommand;

/**
 * The commands the snapshot adds to the groups' logs, applied by {@link SnapshotReplica}:
 *
 * <pre>
 *   0x0A Marker  | epoch (8) | cutTs (8) |
 *   0x0B Release | epoch (8) |
 *   0x0E Flush   | epoch (8) |
 * </pre>
 *
 * These are in the logs of existing clusters: tags and bodies never change.
 */
public sealed interface SnapshotCommand extends ShardCommand.Extension
        permits SnapshotCommand.Marker, SnapshotCommand.Release, SnapshotCommand.Flush {

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

    /**
     * The end of snapshot epoch {@code epoch}: its driver has copied every part it needed (the snapshot is
     * COMPLETE or FAILED), so each replica deletes its part of that epoch ({@code sm/ext/backup/<epoch>}).
     * The fence stays as it is; a marker of this epoch or an older one is refused from then on.
     */
    record Release(long epoch) implements SnapshotCommand {
        static final int TAG = 0x0B;

        public Release {
            if (epoch <= 0) throw new IllegalArgumentException("epoch must be positive: " + epoch);
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(epoch);
        }

        static Release read(ByteReader in) {
            return new Release(in.i64());
        }
    }

    /**
     * Sent to every group just before snapshot epoch {@code epoch} is cut: each replica applying it starts moving
     * its store's memtables into files in the background, so that the checkpoint its marker takes on the apply
     * thread has only the writes since to flush (RocksDB's checkpoint flushes first). It changes no state, and a
     * replica that cannot flush only logs it; {@link SnapshotQuery.Flushed} waits for the leader's flush.
     */
    record Flush(long epoch) implements SnapshotCommand {
        static final int TAG = 0x0E;

        public Flush {
            if (epoch <= 0) throw new IllegalArgumentException("epoch must be positive: " + epoch);
        }

        @Override
        public int tag() { return TAG; }

        @Override
        public void writeBody(ByteWriter out) {
            out.i64(epoch);
        }

        static Flush read(ByteReader in) {
            return new Flush(in.i64());
        }
    }
}
