package io.shardsql.testkit.history;

/** How a transaction ended, as its client saw it. */
public enum Outcome {
    /** Committed: the commit was acknowledged (or a read-only transaction finished). */
    OK,
    /** Definitely not committed: the database refused it (a conflict, a constraint) and rolled it back. */
    FAILED,
    /**
     * Indeterminate: the client lost track (connection lost, timeout at commit, SQLState 40003, or
     * never completed). It may or may not have committed; the checker counts it as committed only if
     * a read observed one of its appends.
     */
    UNKNOWN
}
