package io.shardsql.snapshot.log;

import io.shardsql.storage.raft.command.ExtensionCodecs;
import io.shardsql.storage.raft.machine.GroupExtension;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ReplicaExtension;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * The snapshot's part of every group's state machine: the marker ({@link SnapshotCommand.Marker}) and
 * the epoch fence. A node gives it to its {@code ReplicaHost} beside the transaction layer's extension;
 * each replica gets a {@link SnapshotReplica}.
 */
public final class SnapshotLogExtension implements GroupExtension {
    /** Where a replica keeps its parts, under its extensions' directory: {@code sm/ext/backup/<epoch>/}. */
    public static final String PARTS_DIR = "backup";

    /** Runs the replicas' flushes ahead of a cut ({@link SnapshotCommand.Flush}). */
    private final Executor flushes;

    /** Flushes run on daemon threads that end when idle. */
    public SnapshotLogExtension() {
        this(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "snapshot-flush");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Flushes run on {@code flushes} (tests hold them back). */
    SnapshotLogExtension(Executor flushes) {
        this.flushes = flushes;
    }

    @Override
    public void registerCodecs(ExtensionCodecs.Registry codecs) {
        codecs.command(SnapshotCommand.Marker.TAG, SnapshotCommand.Marker::read);
        codecs.command(SnapshotCommand.Release.TAG, SnapshotCommand.Release::read);
        codecs.command(SnapshotCommand.Flush.TAG, SnapshotCommand.Flush::read);
        codecs.query(SnapshotQuery.Flushed.TAG, SnapshotQuery.Flushed::read);
    }

    @Override
    public ReplicaExtension open(ReplicaContext replica) {
        return new SnapshotReplica(replica, flushes);
    }
}
