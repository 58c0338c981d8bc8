package io.shardsql.testkit.history;

import java.util.List;

/**
 * An anomaly found in a history.
 *
 * @param type        what kind
 * @param description what shows it, e.g. the cycle {@code T3 -ww(k1)-> T5 -rw(k2)-> T3}
 * @param txns        the transactions involved (for a cycle, in its order)
 * @param rwEdges     for a cycle, how many of its edges are read-write (anti-dependency) edges; else 0
 */
public record Anomaly(Type type, String description, List<Long> txns, int rwEdges) {
    public Anomaly {
        txns = List.copyOf(txns);
    }

    /** An anomaly that is not a cycle. */
    public Anomaly(Type type, String description, List<Long> txns) {
        this(type, description, txns, 0);
    }

    /** The anomalies the checker reports; all but {@link #G2} are forbidden under snapshot isolation. */
    public enum Type {
        /** Write cycle: a cycle of write-write edges only. */
        G0,
        /** Aborted read: a committed transaction read an element appended by a failed transaction. */
        G1A,
        /** Intermediate read: a transaction read a list ending in another's non-final append to that key. */
        G1B,
        /** Circular information flow: a cycle of write-write and write-read edges (at least one write-read). */
        G1C,
        /** Read skew: a cycle with exactly one read-write (anti-dependency) edge. */
        G_SINGLE,
        /**
         * Anti-dependency cycle with two or more read-write edges (write skew): allowed under snapshot isolation,
         * reported only when a history is checked as {@link Consistency#SERIALIZABLE}.
         */
        G2,
        /** Two committed transactions read the same version of a key and both appended to it. */
        LOST_UPDATE,
        /** Two reads of a key that are not prefixes of one another: no version order explains both. */
        INCOMPATIBLE_ORDER,
        /** A read list holding an element twice. */
        DUPLICATE,
        /** A read list holding an element nobody appended. */
        GARBAGE,
        /** A transaction's read of a key does not end with its own earlier appends to that key. */
        INTERNAL,
        /**
         * A committed append missing from a read of a transaction that began after the append's
         * transaction had committed (in real time): an acknowledged write lost, or a stale snapshot.
         */
        LOST_APPEND
    }

    @Override
    public String toString() { return type + ": " + description; }
}
