package io.shardsql.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.List;
import java.util.Optional;

/**
 * SNAPSHOT as the SQL layer and tools see it. Implementations run the protocol of ARCHITECTURE §5
 * (docs/backup.md); errors are {@code ShardSqlException}s with their SQLState (a name that escapes the
 * backup root 42602, a name taken 42710, a snapshot already running 55006, ...).
 */
public interface SnapshotService {
    /**
     * Takes a snapshot of the whole database into {@code <backup.root>/<name>} on this node (a name is
     * made from the epoch when none is given) and returns it COMPLETE, or throws with the reason it
     * FAILED. Writes keep committing meanwhile.
     */
    SnapshotInfo take(Optional<String> name);

    /** Every snapshot the cluster's registry knows, oldest first. */
    List<SnapshotInfo> list();

    /** Removes the snapshot {@code name}: its registry record and its files, on the node that holds them. */
    void drop(String name);

    /** A service that refuses to take or drop (0A000): for engines without snapshots (the SQL layer's tests). */
    SnapshotService NONE = new SnapshotService() {
        @Override
        public SnapshotInfo take(Optional<String> name) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "snapshots are not available on this engine");
        }

        @Override
        public List<SnapshotInfo> list() { return List.of(); }

        @Override
        public void drop(String name) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "snapshots are not available on this engine");
        }
    };
}
