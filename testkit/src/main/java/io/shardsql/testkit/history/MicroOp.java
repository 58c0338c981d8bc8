package io.shardsql.testkit.history;

import java.util.List;

/** One step of a list-append transaction: append a value to a key's list, or read the list. */
public sealed interface MicroOp {

    /** The key this step works on. */
    long key();

    /** Appends {@code value} (unique per key across the whole history) to {@code key}'s list. */
    record Append(long key, long value) implements MicroOp {
        @Override
        public String toString() { return "append(" + key + ", " + value + ")"; }
    }

    /** Reads {@code key}'s list; {@code values} is null until the read returned. */
    record Read(long key, List<Long> values) implements MicroOp {
        public Read {
            values = values == null ? null : List.copyOf(values);
        }

        /** A read not yet done. */
        public static Read of(long key) { return new Read(key, null); }

        /** This read with its result. */
        public Read returning(List<Long> result) { return new Read(key, result); }

        @Override
        public String toString() { return "read(" + key + ")" + (values == null ? "" : "=" + values); }
    }
}
