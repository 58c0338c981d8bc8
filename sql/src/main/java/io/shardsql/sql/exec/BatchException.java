package io.shardsql.sql.exec;

import io.shardsql.common.ShardSqlException;

/**
 * A batch ({@link Session#executeBatch}) stopped at a failing parameter set: the counts of the sets
 * before it, and the error.
 */
public final class BatchException extends RuntimeException {
    private final long[] counts;
    private final ShardSqlException error;

    BatchException(long[] counts, ShardSqlException error) {
        super(error.getMessage(), error);
        this.counts = counts.clone();
        this.error = error;
    }

    /** One count per set that ran before the failing one. */
    public long[] counts() { return counts.clone(); }

    public ShardSqlException error() { return error; }
}
