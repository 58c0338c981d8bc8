package io.shardsql.sql.calcite;

import org.apache.calcite.rex.RexNode;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Which primary keys a scan reads, as found in the query's WHERE: equality on the first
 * {@code equal.size()} key columns, then optionally a range on the next one. The values are
 * literals or {@code ?} parameters (possibly under a CAST), evaluated when the statement runs.
 *
 * <p>Bounds are a superset: the filter they came from stays above the scan and is still applied, so
 * a bound may be loosened (a non-integral value on an integer column is rounded outwards) but never
 * tightened.
 *
 * @param lower null: unbounded below; {@code upper} likewise
 */
public record KeyBounds(List<RexNode> equal, RexNode lower, boolean lowerInclusive, RexNode upper,
                        boolean upperInclusive) {

    public static final KeyBounds ALL = new KeyBounds(List.of(), null, false, null, false);

    public KeyBounds {
        equal = List.copyOf(equal);
    }

    public boolean isAll() {
        return equal.isEmpty() && lower == null && upper == null;
    }

    /** True when every key column is fixed: at most one row, read with one point get. */
    public boolean isPoint(int keyColumns) {
        return equal.size() == keyColumns && lower == null && upper == null;
    }

    /** How EXPLAIN shows the bounds, in terms of the key column names. */
    public String describe(List<String> keyNames) {
        StringBuilder b = new StringBuilder();
        b.append(java.util.stream.IntStream.range(0, equal.size())
                .mapToObj(i -> keyNames.get(i) + " = " + equal.get(i)).collect(Collectors.joining(", ")));
        String next = equal.size() < keyNames.size() ? keyNames.get(equal.size()) : "?";
        if (lower != null) b.append(b.isEmpty() ? "" : ", ").append(next).append(lowerInclusive ? " >= " : " > ")
                .append(lower);
        if (upper != null) b.append(b.isEmpty() ? "" : ", ").append(next).append(upperInclusive ? " <= " : " < ")
                .append(upper);
        return b.toString();
    }
}
