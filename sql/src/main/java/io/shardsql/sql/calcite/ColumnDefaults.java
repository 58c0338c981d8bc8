package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.sequence.SequenceFunctions;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;

/**
 * What an INSERT stores in a column it does not mention: the column's DEFAULT, else NULL (which the
 * validator refuses for a NOT NULL column, as PostgreSQL does). A DEFAULT expression ({@link DefaultExpr})
 * becomes a call computed for every row: CURRENT_TIMESTAMP and CURRENT_DATE are the statement's, nextval
 * and gen_random_uuid are numbered by column, so that two of them in one row stay two calls.
 */
final class ColumnDefaults extends NullInitializerExpressionFactory {
    private final TableDef def;

    ColumnDefaults(TableDef def) {
        this.def = def;
    }

    @Override
    public ColumnStrategy generationStrategy(RelOptTable table, int column) {
        ColumnDef c = def.columns().get(column);
        if (c.hasDefault()) return ColumnStrategy.DEFAULT;
        return c.nullable() && !def.primaryKey().contains(c.id()) ? ColumnStrategy.NULLABLE
                : ColumnStrategy.NOT_NULLABLE;
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable table, int column, InitializerContext context) {
        ColumnDef c = def.columns().get(column);
        RexBuilder rex = context.getRexBuilder();
        RelDataType type = table.getRowType().getFieldList().get(column).getType();
        if (c.defaultExpr() != null) return rex.makeCast(type, expression(rex, c.defaultExpr(), column), true, false);
        if (c.defaultValue() == null) return rex.makeNullLiteral(type);
        return rex.makeLiteral(Literals.forDefault(c.type(), c.defaultValue()), type, true);
    }

    private static RexNode expression(RexBuilder rex, DefaultExpr expr, int column) {
        RexNode number = rex.makeExactLiteral(java.math.BigDecimal.valueOf(column),
                rex.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
        return switch (expr.kind()) {
            case CURRENT_TIMESTAMP -> rex.makeCall(SqlStdOperatorTable.CURRENT_TIMESTAMP);
            case CURRENT_DATE -> rex.makeCall(SqlStdOperatorTable.CURRENT_DATE);
            case NEXTVAL -> rex.makeCall(SequenceFunctions.NEXTVAL_NUMBERED, rex.makeLiteral(expr.argument()), number);
            case GEN_RANDOM_UUID -> rex.makeCall(SequenceFunctions.GEN_RANDOM_UUID_NUMBERED, number);
        };
    }
}
