package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.log.SnapshotCommand;
import io.shardsql.storage.raft.client.ClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Ends a snapshot epoch in every group once its driver no longer needs the replicas' parts (the snapshot
 * is COMPLETE or FAILED): {@link SnapshotCommand.Release} goes to each group's log, and every replica
 * applying it deletes its part of the epoch. Best effort: a group that does not take it in time keeps
 * its part until the next epoch's marker, or until its replicas next open their stores after a release.
 */
final class EpochRelease {
    private static final Logger LOG = LoggerFactory.getLogger(EpochRelease.class);

    private EpochRelease() {}

    /** Sends {@code Release(epoch)} to every group of {@code client}'s cluster, waiting at most {@code wait}. */
    static void release(ClusterClient client, long epoch, Duration wait) {
        try {
            EveryGroup.send(client, group -> group.sendNow(new SnapshotCommand.Release(epoch)), wait,
                    (group, e) -> LOG.warn("{}: the end of snapshot epoch {} was not confirmed ({}); its replicas keep "
                            + "their parts until the next epoch", group, epoch, e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
