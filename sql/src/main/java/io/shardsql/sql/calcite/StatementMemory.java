package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;

import java.util.HashMap;
import java.util.Map;

/**
 * What one execution of a statement may hold in memory: the rows its sorts, hash-join build sides, windows
 * and set operations keep, the groups its aggregates keep, and the input its INSERT or UPDATE reads before
 * writing ({@link MemoryCharges} places the counting). What an operator holds is held until the statement
 * ends, with one exception: an operator that runs again (the inner side of a correlated sub-query runs once
 * per outer row) no longer holds what its last run read, so a new run of a counter ({@link #startRun})
 * drops what its last run counted. Past the limit the statement
 * fails with 53200 naming the operator and {@code sql.statement-memory}; the transaction is then rolled back
 * (autocommit) or its block failed, as for any statement error, and the node goes on serving everyone else.
 *
 * <p>Sizes are estimates ({@link RowSizes}), not measurements: the point is a bound that fails a statement
 * well before the heap runs out, not an exact account. Not thread-safe: one statement runs on one thread.
 */
public final class StatementMemory {
    /** One eighth of the heap, at least 16 MB. */
    public static final long DEFAULT_LIMIT = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 8);
    public static final ConfigKey<Long> LIMIT = ConfigKey.bytes("sql.statement-memory", DEFAULT_LIMIT,
            "the most bytes one statement's sorts, joins, aggregates and INSERT/UPDATE input may hold (then 53200)");
    /** No limit (plans run outside a session: planning probes, tests of the engine alone). */
    public static final long UNBOUNDED = Long.MAX_VALUE;

    private final long limit;
    private long used;
    /** What each counter's current run has counted, by counter (a plan node's id). */
    private final Map<Integer, Long> runs = new HashMap<>();

    public StatementMemory(long limit) {
        this.limit = limit;
    }

    /** Counter {@code counter} starts a new run: what its last run counted is no longer held. */
    public void startRun(int counter) {
        Long last = runs.remove(counter);
        if (last != null) used -= last;
    }

    /** Counts {@code bytes} more held by {@code operator}, for counter {@code counter}'s current run. */
    public void charge(int counter, long bytes, String operator) {
        runs.merge(counter, bytes, Long::sum);
        charge(bytes, operator);
    }

    /** Counts {@code bytes} more held by {@code operator}; fails with 53200 if that passes the limit. */
    public void charge(long bytes, String operator) {
        used += bytes;
        if (used > limit) {
            throw new ShardSqlException(ErrorCode.STATEMENT_MEMORY_EXCEEDED, "out of memory: the statement's "
                    + operator + " would hold more than sql.statement-memory (" + limit + " bytes)");
        }
    }

    /** The bytes charged so far. */
    public long used() { return used; }

    public long limit() { return limit; }
}
