package io.shardsql.txn;

/** Points of the commit protocol where a {@link CommitHook} is called (fault injection in tests). */
public enum CommitStep {
    /** One participant shard has durably prepared (its locks are in its log). */
    PREPARED,
    /** Every participant prepared; the decision is about to be logged. */
    DECIDING,
    /** The decision is durable in the coordinator's log; nothing has been pushed to participants yet. */
    DECIDED,
    /** One participant shard has resolved its locks. */
    RESOLVED
}
