package io.shardsql.sql.calcite;

import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.sql.SqlKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds, in a filter condition, the conjuncts that bound the primary key: {@code key = v} for a prefix
 * of the key columns, then {@code <, <=, >, >=} (or BETWEEN, which arrives as two of them) on the
 * next one. {@code v} must be known before the scan runs: a literal or a {@code ?} parameter, possibly
 * under a CAST.
 */
final class KeyConditions {
    private KeyConditions() {}

    /**
     * @param keyFields the input field of each key column, in key order (-1: not in the input)
     * @return the bounds, or empty when the condition bounds no key column
     */
    static Optional<KeyBounds> find(RexBuilder rex, RexNode condition, List<Integer> keyFields) {
        List<RexNode> conjuncts = RelOptUtil.conjunctions(RexUtil.expandSearch(rex, null, condition));
        List<RexNode> equal = new ArrayList<>();
        for (int field : keyFields) {
            RexNode v = field < 0 ? null : valueCompared(conjuncts, field, SqlKind.EQUALS);
            if (v == null) break;
            equal.add(v);
        }
        RexNode lower = null, upper = null;
        boolean lowerInclusive = false, upperInclusive = false;
        if (equal.size() < keyFields.size() && keyFields.get(equal.size()) >= 0) {
            int field = keyFields.get(equal.size());
            if ((lower = valueCompared(conjuncts, field, SqlKind.GREATER_THAN_OR_EQUAL)) != null) lowerInclusive = true;
            else lower = valueCompared(conjuncts, field, SqlKind.GREATER_THAN);
            if ((upper = valueCompared(conjuncts, field, SqlKind.LESS_THAN_OR_EQUAL)) != null) upperInclusive = true;
            else upper = valueCompared(conjuncts, field, SqlKind.LESS_THAN);
        }
        if (equal.isEmpty() && lower == null && upper == null) return Optional.empty();
        return Optional.of(new KeyBounds(equal, lower, lowerInclusive, upper, upperInclusive));
    }

    /** The v of a conjunct {@code $field <kind> v} (or {@code v <reversed kind> $field}). */
    private static RexNode valueCompared(List<RexNode> conjuncts, int field, SqlKind kind) {
        for (RexNode c : conjuncts) {
            if (!(c instanceof RexCall call) || call.getOperands().size() != 2) continue;
            RexNode a = call.getOperands().get(0), b = call.getOperands().get(1);
            if (call.getKind() == kind && isField(a, field) && isKnownValue(b)) return b;
            if (call.getKind() == kind.reverse() && isField(b, field) && isKnownValue(a)) return a;
        }
        return null;
    }

    private static boolean isField(RexNode n, int field) {
        return n instanceof RexInputRef ref && ref.getIndex() == field;
    }

    /** A literal or a parameter, possibly cast: its value is known when the statement starts. */
    static boolean isKnownValue(RexNode n) {
        if (n instanceof RexLiteral l) return !l.isNull();
        if (n instanceof RexDynamicParam) return true;
        return n.getKind() == SqlKind.CAST && isKnownValue(((RexCall) n).getOperands().get(0));
    }
}
