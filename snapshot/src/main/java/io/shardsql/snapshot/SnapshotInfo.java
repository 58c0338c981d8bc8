package io.shardsql.snapshot;

import java.time.Instant;

/**
 * One snapshot as the registry in {@code control} records it (SHOW SNAPSHOTS, sys.snapshots, the
 * result of SNAPSHOT).
 *
 * @param name       the backup's name, unique in the cluster
 * @param node       the node that ran SNAPSHOT and holds the backup under its {@code backup.root}
 * @param directory  the backup's directory on that node
 * @param epoch      the snapshot's epoch (increasing; one snapshot at a time)
 * @param cutTs      the cut timestamp S: the backup holds exactly the commits below it
 * @param partsDone  parts copied into the backup so far, of {@code partsTotal} (one per group)
 * @param bytes      bytes the backup holds so far
 * @param rows       table rows in the backup (known once COMPLETE; -1 before)
 * @param error      why it FAILED, null otherwise
 * @param ended      when it became COMPLETE or FAILED, null while RUNNING
 */
public record SnapshotInfo(String name, String node, String directory, long epoch, long cutTs, SnapshotState state,
                           int partsDone, int partsTotal, long bytes, long rows, Instant started, Instant ended,
                           String error) {
}
