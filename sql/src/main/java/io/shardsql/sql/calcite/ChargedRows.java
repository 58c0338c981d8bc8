package io.shardsql.sql.calcite;

import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.function.Function1;

import java.util.HashSet;
import java.util.Set;

/**
 * The rows feeding an operator that holds them, counted against the statement's {@link StatementMemory} as
 * they pass ({@link MemoryCharge}'s generated code calls these). Every row counts for an operator that keeps
 * its input (a sort, a join's build side); for an aggregate, only a row that starts a new group does.
 */
public final class ChargedRows {
    /** Bytes a new group costs besides its key: the hash map's entry and the group's list of accumulators. */
    static final long GROUP_OVERHEAD = 64;

    private ChargedRows() {}

    /**
     * {@code rows}, each counted as it passes (a row of a generated class as {@code estimate}); called by
     * generated code.
     */
    public static <T> Enumerable<T> rows(DataContext root, Enumerable<T> rows, int counter, String operator,
                                         long estimate) {
        StatementMemory memory = memoryOf(root);
        if (memory == null) return rows;
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                memory.startRun(counter);
                return new Counting<>(rows.enumerator()) {
                    @Override
                    void passed(T row) { memory.charge(counter, RowSizes.of(row, estimate), operator); }
                };
            }
        };
    }

    /**
     * {@code rows}, those with a new key (as {@code keyOf} gives it: the aggregate's own key selector) counted
     * as a group that costs its key and {@code perGroup} bytes; called by generated code. The keys seen are
     * kept to tell new from old, so what this holds is bounded by the same budget it enforces.
     */
    public static <T> Enumerable<T> groups(DataContext root, Enumerable<T> rows, int counter, String operator,
                                           Function1<T, Object> keyOf, long perGroup) {
        StatementMemory memory = memoryOf(root);
        if (memory == null) return rows;
        return new AbstractEnumerable<>() {
            @Override
            public Enumerator<T> enumerator() {
                memory.startRun(counter);
                Set<Object> seen = new HashSet<>();
                return new Counting<>(rows.enumerator()) {
                    @Override
                    void passed(T row) {
                        Object key = keyOf.apply(row);
                        if (seen.add(key)) {
                            memory.charge(counter, GROUP_OVERHEAD + perGroup + RowSizes.of(key, 32), operator);
                        }
                    }
                };
            }
        };
    }

    private static StatementMemory memoryOf(DataContext root) {
        return root instanceof ShardDataContext c ? c.memory() : null;
    }

    /**
     * An enumerator that tells {@link #passed} of each row it yields. It asks its input for each row once:
     * Calcite computes a row's expressions in {@code current()}, so a second call would run a volatile one
     * (nextval) again.
     */
    private abstract static class Counting<T> implements Enumerator<T> {
        private final Enumerator<T> in;
        private T current;

        Counting(Enumerator<T> in) {
            this.in = in;
        }

        abstract void passed(T row);

        @Override
        public T current() { return current; }

        @Override
        public boolean moveNext() {
            if (!in.moveNext()) return false;
            current = in.current();
            passed(current);
            return true;
        }

        @Override
        public void reset() {
            in.reset();
            current = null;
        }

        @Override
        public void close() { in.close(); }
    }
}
