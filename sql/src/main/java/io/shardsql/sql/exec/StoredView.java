package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.ImmutableIntList;

import java.util.List;

/**
 * A view as Calcite sees it: a table whose rows are its query's. Its row type is the query's, validated against
 * the same catalog version, with the view's column names; converting it expands the query in place
 * ({@link ViewExpander}). Columns the query gives beyond the view's ({@code SELECT *} over a table that gained
 * a column since) are left out, as PostgreSQL fixes {@code *} when the view is created. Not modifiable: DML
 * into a view is refused before planning ({@link ViewTargets}).
 */
final class StoredView extends AbstractTable implements TranslatableTable {
    private final ViewDef view;
    private PlanningSchema schema;
    private RelDataType rowType;

    StoredView(ViewDef view) {
        this.view = view;
    }

    /** The schema the view's query is read in (set once, when the planning schema is built). */
    void bind(PlanningSchema planningSchema) {
        this.schema = planningSchema;
    }

    ViewDef definition() { return view; }

    @Override
    public synchronized RelDataType getRowType(RelDataTypeFactory typeFactory) {
        if (rowType == null) {
            SqlValidator validator = QueryPlanner.newValidator(schema);
            SqlNode query = ShardSqlParser.parse(view.sql());
            List<RelDataTypeField> fields = validator.getValidatedNodeType(QueryPlanner.validate(validator, query))
                    .getFieldList();
            int n = view.columns().size();
            if (fields.size() < n) {
                throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION, "view \"" + view.name()
                        + "\" no longer matches its query (" + fields.size() + " columns, " + n + " expected)");
            }
            rowType = typeFactory.createStructType(fields.subList(0, n).stream().map(RelDataTypeField::getType)
                    .toList(), view.columnNames());
        }
        return rowType;
    }

    @Override
    public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable table) {
        RelDataType type = table.getRowType();
        RelNode rel = context.expandView(type, view.sql(), List.of(), List.of(view.name())).rel;
        int n = type.getFieldCount();
        if (rel.getRowType().getFieldCount() > n) rel = RelOptUtil.createProject(rel, ImmutableIntList.range(0, n));
        return RelOptUtil.createCastRel(rel, type, true);
    }

    @Override
    public Schema.TableType getJdbcTableType() {
        return Schema.TableType.VIEW;
    }
}
