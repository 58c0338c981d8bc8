package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableAggregate;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableHashJoin;
import org.apache.calcite.adapter.enumerable.EnumerableIntersect;
import org.apache.calcite.adapter.enumerable.EnumerableMinus;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableSort;
import org.apache.calcite.adapter.enumerable.EnumerableUnion;
import org.apache.calcite.adapter.enumerable.EnumerableWindow;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.sql.SqlKind;

import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Places {@link MemoryCharge}s in an enumerable plan, under each operator that holds what it reads:
 *
 * <pre>
 *   EnumerableSort              input          every row (the sort keeps them all)
 *   EnumerableHashJoin          right input    every row (the build side; the left side streams)
 *   EnumerableNestedLoopJoin    right input    every row (kept as a list)
 *   EnumerableWindow            input          every row
 *   EnumerableMinus/Intersect,
 *   UNION (distinct)            every input    every row (kept in a hash set)
 *   EnumerableAggregate         input          each new group: its key, 64 bytes, 64 per aggregate call;
 *                                              instead every row if a call keeps values (DISTINCT, LISTAGG...)
 * </pre>
 *
 * Operators that stream, or hold a bounded number of rows ({@code EnumerableLimitSort}, a sorted aggregate, a
 * merge join over sorted inputs, whose sorts are counted), are left as they are. Calcite's operators do not count
 * their memory and are generated code; wrapping their inputs is the one hook that needs none of their
 * internals. EXPLAIN shows the plan without the wrappers (it is printed before they are placed).
 */
public final class MemoryCharges {
    /** Bytes counted per aggregate call and group: an accumulator (a boxed number or two). */
    static final long PER_CALL = 64;
    /** Aggregate functions whose accumulator has a fixed size; any other keeps values, so every row counts. */
    private static final Set<SqlKind> FIXED_SIZE = EnumSet.of(SqlKind.COUNT, SqlKind.SUM, SqlKind.SUM0, SqlKind.MIN,
            SqlKind.MAX, SqlKind.AVG, SqlKind.ANY_VALUE, SqlKind.SINGLE_VALUE, SqlKind.BIT_AND, SqlKind.BIT_OR,
            SqlKind.BIT_XOR, SqlKind.STDDEV_POP, SqlKind.STDDEV_SAMP, SqlKind.VAR_POP, SqlKind.VAR_SAMP,
            SqlKind.GROUPING, SqlKind.LITERAL_AGG);

    private MemoryCharges() {}

    /**
     * Places the charges in {@code plan}, in place (its Enumerable parts only: what a converter reads is left
     * alone), and returns it. Operators' inputs are replaced rather than the operators copied: a copy would be
     * validated again against its new inputs' traits, which lack what the planner knew of them (a merge join
     * refuses inputs whose collation only the planner's metadata knew). Placing twice changes nothing more.
     */
    public static RelNode place(RelNode plan) {
        place(plan, Collections.newSetFromMap(new IdentityHashMap<>()));
        return plan;
    }

    private static void place(RelNode rel, Set<RelNode> seen) {
        if (rel.getConvention() != EnumerableConvention.INSTANCE || !seen.add(rel)) return; // a shared subtree: once
        for (int i = 0; i < rel.getInputs().size(); i++) {
            RelNode input = rel.getInput(i);
            place(input, seen);
            RelNode wrapped = input instanceof MemoryCharge ? input : charged(rel, i, input);
            if (wrapped != input) rel.replaceInput(i, wrapped);
        }
    }

    /** Input {@code i} of {@code rel} ({@code input}, its charges placed), wrapped if {@code rel} holds it. */
    private static RelNode charged(RelNode rel, int i, RelNode input) {
        if (rel instanceof EnumerableSort) return new MemoryCharge(input, "sort", null, 0);
        if (rel instanceof EnumerableHashJoin && i == 1) return new MemoryCharge(input, "hash join", null, 0);
        if (rel instanceof EnumerableNestedLoopJoin && i == 1) {
            return new MemoryCharge(input, "nested loop join", null, 0);
        }
        if (rel instanceof EnumerableWindow) return new MemoryCharge(input, "window", null, 0);
        if (rel instanceof EnumerableMinus || rel instanceof EnumerableIntersect
                || rel instanceof EnumerableUnion u && !u.all) {
            return new MemoryCharge(input, "set operation", null, 0);
        }
        if (rel instanceof EnumerableAggregate a) {
            if (a.getGroupSet().isEmpty() && a.getAggCallList().stream().noneMatch(MemoryCharges::keepsValues)) {
                return input; // one group
            }
            boolean keepsValues = false;
            for (AggregateCall c : a.getAggCallList()) {
                keepsValues |= keepsValues(c);
            }
            if (keepsValues) return new MemoryCharge(input, "aggregate", null, 0);
            return new MemoryCharge(input, "aggregate", a.getGroupSet().toArray(),
                    PER_CALL * a.getAggCallList().size());
        }
        return input;
    }

    private static boolean keepsValues(AggregateCall c) {
        return c.isDistinct() || !FIXED_SIZE.contains(c.getAggregation().getKind());
    }
}
