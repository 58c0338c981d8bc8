package io.shardsql.sql.calcite;

import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.EnumerableValues;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Primitive;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.sql.type.SqlTypeName;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A large {@code VALUES} whose rows are kept as Java values beside the compiled plan instead of in its
 * generated code. Calcite compiles {@link EnumerableValues} to code that builds every row, and a method
 * may hold at most 64 KB of byte code: a 5,000-row {@code INSERT ... VALUES}, or an {@code IN} list of more
 * than 20 values (which Calcite turns into a join with a {@code VALUES}) of a few thousand, failed to compile.
 * Here the rows are converted once, when the plan is compiled, to Calcite's internal representation of
 * each column (the one its generated code uses: {@code Integer} days for a DATE, {@code Long} milliseconds
 * for a TIMESTAMP, {@code BigDecimal} for a DECIMAL) and stashed; the code reads the list back.
 *
 * <p>{@link #place} replaces such {@code VALUES} in an optimised plan, in place, as {@link MemoryCharges}
 * does; EXPLAIN still shows {@code EnumerableValues}. Small ones (fewer than {@value #MIN_ROWS} rows) and
 * ones with a column of a type not listed in {@link #SUPPORTED} are left to Calcite.
 */
public final class StashedValues extends AbstractRelNode implements EnumerableRel {
    /** From this many rows on, a VALUES is stashed (below, generated code is as good and stays readable). */
    static final int MIN_ROWS = 64;
    /** Column types whose literals convert to Calcite's internal representation with {@link RexLiteral#getValueAs}. */
    private static final Set<SqlTypeName> SUPPORTED = EnumSet.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT,
            SqlTypeName.SMALLINT, SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.REAL,
            SqlTypeName.FLOAT, SqlTypeName.DOUBLE, SqlTypeName.CHAR, SqlTypeName.VARCHAR, SqlTypeName.BINARY,
            SqlTypeName.VARBINARY, SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP);

    private final RelDataType rowType;
    private final List<Object> rows;

    private StashedValues(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, List<Object> rows) {
        super(cluster, traits);
        this.rowType = rowType;
        this.rows = rows;
    }

    /**
     * Replaces every large {@code VALUES} in {@code plan} (its Enumerable parts) with a stashed one, in place,
     * and returns the plan (a new node if {@code plan} itself is one).
     */
    public static RelNode place(RelNode plan) {
        Optional<StashedValues> self = of(plan);
        if (self.isPresent()) return self.get();
        place(plan, Collections.newSetFromMap(new IdentityHashMap<>()));
        return plan;
    }

    private static void place(RelNode rel, Set<RelNode> seen) {
        if (!seen.add(rel)) return;
        for (int i = 0; i < rel.getInputs().size(); i++) {
            RelNode input = rel.getInput(i);
            Optional<StashedValues> stashed = of(input);
            if (stashed.isPresent()) {
                rel.replaceInput(i, stashed.get());
            } else {
                place(input, seen);
            }
        }
    }

    /** {@code rel} as stashed values, if it is a large enumerable VALUES of supported types. */
    static Optional<StashedValues> of(RelNode rel) {
        if (!(rel instanceof EnumerableValues values) || values.tuples.size() < MIN_ROWS) return Optional.empty();
        RelDataType rowType = values.getRowType();
        if (rowType.getFieldCount() == 0) return Optional.empty();
        PhysType physType = PhysTypeImpl.of((org.apache.calcite.adapter.java.JavaTypeFactory)
                rel.getCluster().getTypeFactory(), rowType, JavaRowFormat.ARRAY);
        List<Class<?>> classes = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            if (!SUPPORTED.contains(rowType.getFieldList().get(i).getType().getSqlTypeName())) return Optional.empty();
            Type javaType = physType.getJavaFieldType(i);
            if (!(javaType instanceof Class<?> c)) return Optional.empty();
            classes.add(c.isPrimitive() ? Primitive.box(c) : c);
        }
        List<Object> rows = new ArrayList<>(values.tuples.size());
        try {
            for (List<RexLiteral> tuple : values.tuples) {
                Object[] row = new Object[tuple.size()];
                for (int i = 0; i < row.length; i++) {
                    RexLiteral literal = tuple.get(i);
                    row[i] = literal.isNull() ? null : literal.getValueAs(classes.get(i));
                }
                rows.add(row.length == 1 ? row[0] : row); // one column: Calcite's SCALAR format, the bare value
            }
        } catch (RuntimeException | AssertionError unconvertible) {
            return Optional.empty(); // Calcite's generated code handles it
        }
        return Optional.of(new StashedValues(rel.getCluster(), rel.getTraitSet(), rowType,
                Collections.unmodifiableList(rows)));
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("rows", rows.size());
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        Enumerable<Object> enumerable = Linq4j.asEnumerable(rows);
        BlockBuilder block = new BlockBuilder();
        block.add(Expressions.return_(null, implementor.stash(enumerable, Enumerable.class)));
        return implementor.result(physType, block.toBlock());
    }
}
