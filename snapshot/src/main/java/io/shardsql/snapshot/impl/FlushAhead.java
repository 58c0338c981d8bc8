package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.log.SnapshotCommand;
import io.shardsql.snapshot.log.SnapshotQuery;
import io.shardsql.storage.raft.client.ClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Readies every group for a cut: {@link SnapshotCommand.Flush} goes to each group's log, so that every replica
 * moves its memtables into files in the background, and {@link SnapshotQuery.Flushed} then waits for each
 * leader's flush. The markers that follow find little left to flush, and the checkpoint each replica takes on
 * its apply thread — where every write of the group waits behind it — is short.
 *
 * <p>Only a speed-up: a group that does not answer in time, or fails, is logged and the snapshot goes on (its
 * checkpoint flushes all of it, as without this step).
 */
final class FlushAhead {
    private static final Logger LOG = LoggerFactory.getLogger(FlushAhead.class);

    private FlushAhead() {}

    /**
     * Flushes every group of {@code client}'s cluster ahead of epoch {@code epoch}, waiting at most {@code wait};
     * returns whether every leader confirmed its flush. Throws {@link InterruptedException} if cancelled.
     */
    static boolean flush(ClusterClient client, long epoch, Duration wait) throws InterruptedException {
        return EveryGroup.send(client, group -> group.sendNow(new SnapshotCommand.Flush(epoch))
                        .thenCompose(applied -> group.query(new SnapshotQuery.Flushed(epoch))), wait,
                (group, e) -> LOG.info("{}: no flush confirmed ahead of the cut of snapshot epoch {} ({}); its marker "
                        + "flushes all", group, epoch, e.toString()));
    }
}
