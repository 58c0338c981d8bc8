package io.shardsql.sql.calcite;

import io.shardsql.sql.catalog.ColumnDef;
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
 * validator refuses for a NOT NULL column, as PostgreSQL does).
 */
final class ColumnDefaults extends NullInitializerExpressionFactory {
    private final TableDef def;

    ColumnDefaults(TableDef def) {
        this.def = def;
    }

    @Override
    public ColumnStrategy generationStrategy(RelOptTable table, int column) {
        ColumnDef c = def.columns().get(column);
        if (c.defaultValue() != null) return ColumnStrategy.DEFAULT;
        return c.nullable() && !def.primaryKey().contains(c.id()) ? ColumnStrategy.NULLABLE
                : ColumnStrategy.NOT_NULLABLE;
    }

    @Override
    public RexNode newColumnDefaultValue(RelOptTable table, int column, InitializerContext context) {
        ColumnDef c = def.columns().get(column);
        RexBuilder rex = context.getRexBuilder();
        RelDataType type = table.getRowType().getFieldList().get(column).getType();
        if (c.defaultValue() == null) return rex.makeNullLiteral(type);
        return rex.makeLiteral(Literals.forDefault(c.type(), c.defaultValue()), type, true);
    }
}
