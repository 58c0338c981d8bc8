package io.shardsql.testkit.history;

/**
 * The consistency model a history is checked against. Both forbid every anomaly of {@link Anomaly.Type}
 * except {@link Anomaly.Type#G2}, which only {@link #SERIALIZABLE} forbids: under snapshot isolation write
 * skew (a dependency cycle with two or more rw edges) is allowed.
 */
public enum Consistency {
    /** Snapshot isolation (SQL's REPEATABLE READ in ShardSQL): G2 cycles are allowed. */
    SNAPSHOT_ISOLATION,
    /** Serializability: every dependency cycle is an anomaly, G2 included. */
    SERIALIZABLE
}
