package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where {@code SNAPSHOT}, {@code SHOW SNAPSHOTS}, {@code DROP SNAPSHOT} and {@code sys.snapshots} take
 * effect. The SQL layer does not know how a snapshot is taken: the server adapts its snapshot service to
 * this interface. Errors are {@code ShardSqlException}s whose SQLState reaches the client unchanged (a bad
 * name 42602, a name taken 42710, a snapshot already running 55006, ...).
 */
public interface SnapshotCommands {

    /**
     * What {@code SNAPSHOT} returns: the backup just taken, COMPLETE.
     *
     * @param shards         the parts the backup holds (one per Raft group)
     * @param durationMillis from its start to its end
     */
    record Taken(String name, String directory, long epoch, long cutTs, int shards, long rows, long bytes,
                 long durationMillis) {}

    /**
     * One snapshot as {@code SHOW SNAPSHOTS} and {@code sys.snapshots} list it.
     *
     * @param state   RUNNING, COMPLETE or FAILED
     * @param error   why it FAILED, null otherwise
     * @param rows    table rows in the backup, null until it is COMPLETE
     * @param ended   when it became COMPLETE or FAILED, null while RUNNING
     */
    record Listed(String name, String node, String directory, String state, String error, long epoch, long cutTs,
                  int partsDone, int partsTotal, long bytes, Long rows, Instant started, Instant ended) {}

    /** Takes a snapshot into {@code <backup.root>/<name>} (a name is made when none is given); blocks until done. */
    Taken take(Optional<String> name);

    /** Every snapshot the cluster knows, oldest first. */
    List<Listed> list();

    /** Removes the snapshot {@code name} and its files. */
    void drop(String name);

    /**
     * An engine without snapshots (tests, embedded use): SNAPSHOT and DROP SNAPSHOT fail with 0A000; there
     * is nothing to list, so SHOW SNAPSHOTS and {@code sys.snapshots} are empty.
     */
    SnapshotCommands NONE = new SnapshotCommands() {
        @Override
        public Taken take(Optional<String> name) { throw refused(); }

        @Override
        public List<Listed> list() { return List.of(); }

        @Override
        public void drop(String name) { throw refused(); }

        private ShardSqlException refused() {
            return new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "snapshots are not available on this engine");
        }
    };
}
