package io.shardsql.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The batch plumbing that {@link ShardStatement} and {@link ShardPreparedStatement} share: the entries added
 * since the last run ({@code addBatch(sql)}'s texts, or {@code addBatch()}'s parameter sets), and how the
 * counts of a run become {@code executeBatch}'s answer or its {@link BatchUpdateException}. How a run goes
 * over the wire differs (pipelined {@code Execute}s or one {@code ExecuteBatch}) and stays with each statement.
 *
 * @param <T> an entry: SQL text or a list of parameter values
 */
final class Batch<T> {
    private final List<T> entries = new ArrayList<>();

    void add(T entry) {
        entries.add(entry);
    }

    void clear() {
        entries.clear();
    }

    /** The entries to run, in order; the batch is empty afterwards (whatever the run's outcome). */
    List<T> drain() {
        List<T> taken = List.copyOf(entries);
        entries.clear();
        return taken;
    }

    /** {@code executeBatch}'s counts from {@code executeLargeBatch}'s. */
    static int[] toInts(long[] counts) {
        return Arrays.stream(counts).mapToInt(ShardStatement::toInt).toArray();
    }

    /** A batch stopped or marred by {@code cause}; {@code counts} are those of the entries before (or around) it. */
    static BatchUpdateException failure(SQLException cause, long[] counts) {
        return new BatchUpdateException(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), counts, cause);
    }
}
