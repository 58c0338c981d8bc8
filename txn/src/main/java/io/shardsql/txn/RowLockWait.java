package io.shardsql.txn;

/**
 * What a row lock ({@link Transaction#lockRows}) does when another transaction holds a row: PostgreSQL's
 * {@code SELECT ... FOR UPDATE}, {@code ... NOWAIT} and {@code ... SKIP LOCKED}.
 */
public enum RowLockWait {
    /** Wait until the holder finishes, at most {@code txn.lock-wait-timeout} (then 55P03). */
    WAIT,
    /** Fail at once with {@code LOCK_NOT_AVAILABLE} (55P03). */
    NOWAIT,
    /** Leave the row out: it is not locked, and the caller drops it from its answer. */
    SKIP_LOCKED
}
