package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.rows.RowFilter;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDigestIncludeType;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeFamily;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The part of a WHERE the shards can check on the rows they scan ({@link RowFilter}): every conjunct
 * that is a test, or an OR of tests, of a non-key column against a literal or a parameter. Found when
 * planning, turned into a program when the scan starts (parameters are known then). The WHERE stays
 * above the scan, so what is pushed only saves shipping rows that would be rejected anyway.
 *
 * @param terms the pushed conjuncts, each an OR of tests
 */
public record PushedFilter(List<List<Test>> terms) {

    /**
     * One test: the column at {@code column} in {@link TableDef#columns()}, compared by {@code op} with
     * {@code value} (a literal or a parameter; null for IS [NOT] NULL).
     */
    public record Test(int column, RowFilter.Op op, RexNode value) {}

    public PushedFilter {
        terms = terms.stream().map(List::copyOf).toList();
    }

    /** The pushable part of {@code condition}, a filter over the output of a scan described by {@code spec}. */
    static Optional<PushedFilter> find(RexBuilder rex, RexNode condition, ScanSpec spec) {
        RexNode expanded = RexUtil.expandSearch(rex, null, condition);
        List<List<Test>> terms = new ArrayList<>();
        for (RexNode conjunct : RelOptUtil.conjunctions(expanded)) {
            List<Test> term = new ArrayList<>();
            for (RexNode disjunct : RelOptUtil.disjunctions(conjunct)) {
                Test t = test(disjunct, spec);
                if (t == null) {
                    term = null;
                    break;
                }
                term.add(t);
            }
            if (term != null && !term.isEmpty()) terms.add(term);
        }
        return terms.isEmpty() ? Optional.empty() : Optional.of(new PushedFilter(terms));
    }

    private static Test test(RexNode node, ScanSpec spec) {
        if (!(node instanceof RexCall call)) return null;
        List<RexNode> ops = call.getOperands();
        if (call.getKind() == SqlKind.IS_NULL || call.getKind() == SqlKind.IS_NOT_NULL) {
            int column = column(ops.get(0), spec);
            return column < 0 ? null : new Test(column,
                    call.getKind() == SqlKind.IS_NULL ? RowFilter.Op.IS_NULL : RowFilter.Op.IS_NOT_NULL, null);
        }
        RowFilter.Op op = comparison(call.getKind());
        if (op == null || ops.size() != 2) return null;
        int column = column(ops.get(0), spec);
        RexNode value = ops.get(1);
        if (column < 0) {
            column = column(ops.get(1), spec);
            value = ops.get(0);
            op = reversed(op);
        }
        if (column < 0 || !isValue(value) || !sameFamily(spec.table().columns().get(column).type(), value)) return null;
        return new Test(column, op, value);
    }

    /** The table position of the non-key, testable column {@code node} refers to, or -1. */
    private static int column(RexNode node, ScanSpec spec) {
        if (!(node instanceof RexInputRef ref)) return -1;
        int position = spec.columns().get(ref.getIndex());
        ColumnDef c = spec.table().columns().get(position);
        if (spec.table().primaryKey().contains(c.id()) || !RowFilter.testable(c.type())) return -1;
        return position;
    }

    private static boolean isValue(RexNode node) {
        return node instanceof RexDynamicParam || node instanceof RexLiteral l && !l.isNull();
    }

    /** A value of the column's own type family, so that no conversion Calcite would make is left out. */
    private static boolean sameFamily(SqlType type, RexNode value) {
        SqlTypeFamily f = value.getType().getSqlTypeName().getFamily();
        return switch (type.kind()) {
            case SMALLINT, INTEGER, BIGINT, DECIMAL, DOUBLE -> f == SqlTypeFamily.NUMERIC;
            case VARCHAR -> f == SqlTypeFamily.CHARACTER;
            case BOOLEAN -> f == SqlTypeFamily.BOOLEAN;
            case DATE -> f == SqlTypeFamily.DATE;
            case TIME -> f == SqlTypeFamily.TIME;
            case TIMESTAMP -> f == SqlTypeFamily.TIMESTAMP;
            default -> false;
        };
    }

    private static RowFilter.Op comparison(SqlKind kind) {
        return switch (kind) {
            case EQUALS -> RowFilter.Op.EQ;
            case NOT_EQUALS -> RowFilter.Op.NE;
            case LESS_THAN -> RowFilter.Op.LT;
            case LESS_THAN_OR_EQUAL -> RowFilter.Op.LE;
            case GREATER_THAN -> RowFilter.Op.GT;
            case GREATER_THAN_OR_EQUAL -> RowFilter.Op.GE;
            default -> null;
        };
    }

    private static RowFilter.Op reversed(RowFilter.Op op) {
        return switch (op) {
            case LT -> RowFilter.Op.GT;
            case LE -> RowFilter.Op.GE;
            case GT -> RowFilter.Op.LT;
            case GE -> RowFilter.Op.LE;
            default -> op;
        };
    }

    /**
     * Adds the tests the shards run, with this execution's parameter values, to {@code b}. A term with a
     * test whose value the column's type cannot hold exactly (or NULL) is left to the WHERE above: the
     * program must never drop a row the WHERE would keep.
     */
    void addTo(RowFilter.Builder b, TableDef table, ShardDataContext ctx) {
        for (List<Test> term : terms) {
            List<Object> values = new ArrayList<>();
            for (Test t : term) {
                Object v = t.value() == null ? null
                        : exact(table.columns().get(t.column()).type(), KeyValues.raw(t.value(), ctx));
                if (t.value() != null && v == null) {
                    values = null;
                    break;
                }
                values.add(v);
            }
            if (values == null) continue;
            b.term();
            for (int i = 0; i < term.size(); i++) b.atom(table.columns().get(term.get(i).column()), term.get(i).op(),
                    values.get(i));
        }
    }

    /** {@code raw} (Calcite's representation) as a catalog value of {@code type}, or null if it is not one exactly. */
    private static Object exact(SqlType type, Object raw) {
        if (raw == null) return null;
        try {
            return switch (type.kind()) {
                case SMALLINT, INTEGER, BIGINT -> {
                    BigDecimal d = raw instanceof BigDecimal bd ? bd
                            : raw instanceof Long || raw instanceof Integer || raw instanceof Short
                            || raw instanceof Byte ? BigDecimal.valueOf(((Number) raw).longValue()) : null;
                    yield d == null ? null : d.longValueExact();
                }
                case DECIMAL -> raw instanceof BigDecimal bd ? bd
                        : raw instanceof Long || raw instanceof Integer || raw instanceof Short
                        ? BigDecimal.valueOf(((Number) raw).longValue()) : null;
                case DOUBLE -> raw instanceof Number n ? n.doubleValue() : null;
                // Trailing blanks: a CHAR literal compared with VARCHAR is where padding rules differ; leave it above.
                case VARCHAR -> raw instanceof String s && !s.endsWith(" ") ? s : null;
                case BOOLEAN -> raw instanceof Boolean bool ? bool : null;
                case DATE, TIME, TIMESTAMP -> raw instanceof Integer || raw instanceof Long
                        ? ShardTypes.fromInternal(type, raw) : null;
                default -> null;
            };
        } catch (ArithmeticException e) {
            return null; // not an integer, or beyond a long
        }
    }

    /** For EXPLAIN: {@code n > ?0 AND (v = 'x' OR v IS NULL)}. */
    String describe(TableDef table) {
        return terms.stream().map(term -> {
            String s = term.stream().map(t -> describe(table, t)).collect(Collectors.joining(" OR "));
            return term.size() > 1 && terms.size() > 1 ? "(" + s + ")" : s;
        }).collect(Collectors.joining(" AND "));
    }

    private static String describe(TableDef table, Test t) {
        String column = table.columns().get(t.column()).name();
        return switch (t.op()) {
            case IS_NULL -> column + " IS NULL";
            case IS_NOT_NULL -> column + " IS NOT NULL";
            default -> column + " " + symbol(t.op()) + " "
                    + (t.value() instanceof RexDynamicParam p ? "?" + p.getIndex()
                    : ((RexLiteral) t.value()).computeDigest(RexDigestIncludeType.NO_TYPE));
        };
    }

    private static String symbol(RowFilter.Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case LT -> "<";
            case LE -> "<=";
            case GT -> ">";
            default -> ">=";
        };
    }
}
