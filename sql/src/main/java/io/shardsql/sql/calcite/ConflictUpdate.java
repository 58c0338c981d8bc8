package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;

/**
 * The compiled {@code DO UPDATE SET col = expr, ... [WHERE cond]} of an {@code INSERT ... ON CONFLICT}:
 * given the stored row and the proposed one ({@code EXCLUDED}), the row to store, or null when the
 * WHERE does not hold. The expressions were planned and compiled by Calcite once per statement; their
 * input record is the stored row's columns followed by the proposed row's, in Calcite's representation:
 * <pre>
 * input:  [ stored c0 .. c(n-1) | excluded c0 .. c(n-1) ]
 * output: [ value of each SET column, in order | WHERE (only when there is one) ]
 * </pre>
 */
public final class ConflictUpdate {
    private final List<Integer> positions;
    private final boolean conditional;
    private final Function1<DataContext, Object[]> compiled;
    private final List<RelDataType> parameters;

    /**
     * {@code positions}: the table positions the SET assigns, in the order of the outputs;
     * {@code parameters}: the types of the {@code ?} in SET and WHERE, which come after the INSERT's own.
     */
    public ConflictUpdate(List<Integer> positions, boolean conditional, Function1<DataContext, Object[]> compiled,
                          List<RelDataType> parameters) {
        this.positions = List.copyOf(positions);
        this.conditional = conditional;
        this.compiled = compiled;
        this.parameters = List.copyOf(parameters);
    }

    /** The types of the parameters in SET and WHERE. */
    public List<RelDataType> parameters() { return parameters; }

    /** The row to store instead of {@code stored}, or null when the WHERE does not hold (catalog values). */
    public Object[] apply(TableDef table, Object[] stored, Object[] proposed, DataContext statement) {
        List<ColumnDef> cols = table.columns();
        int n = cols.size();
        Object[] input = new Object[2 * n];
        for (int i = 0; i < n; i++) {
            input[i] = ShardTypes.toInternal(cols.get(i).type(), stored[i]);
            input[n + i] = ShardTypes.toInternal(cols.get(i).type(), proposed[i]);
        }
        Object[] out = compiled.apply(new WithInput(statement, input));
        if (conditional && !Boolean.TRUE.equals(out[positions.size()])) return null;
        Object[] updated = stored.clone();
        for (int j = 0; j < positions.size(); j++) {
            int pos = positions.get(j);
            updated[pos] = ShardTypes.fromInternal(cols.get(pos).type(), out[j]);
        }
        return updated;
    }

    /** The statement's context (its parameters), plus the input record the compiled code reads. */
    private record WithInput(DataContext statement, Object[] input) implements DataContext {
        @Override
        public SchemaPlus getRootSchema() { return statement.getRootSchema(); }

        @Override
        public JavaTypeFactory getTypeFactory() { return statement.getTypeFactory(); }

        @Override
        public QueryProvider getQueryProvider() { return statement.getQueryProvider(); }

        @Override
        public Object get(String name) { return name.equals("inputRecord") ? input : statement.get(name); }
    }
}
