package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.ddl.ViewAnalyzer;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.privilege.Access;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The planner's side of views for the DDL ({@link ViewAnalyzer}): a view's query is validated and converted
 * against a planning schema built from the statement's own catalog (never a cached one: the statement's
 * transaction may have changed the catalog itself), which gives its columns, their types and what it reads.
 *
 * <p>A view stores its query as {@link ShardSqlParser#unparse} writes it, and for each column the name the
 * query gives it and its type: {@link #stillMeans} compares those after DROP COLUMN or RENAME COLUMN, so a view
 * whose query names a dropped column, or whose {@code *} would now give other columns, stops the change.
 */
final class ViewDefinitions implements ViewAnalyzer {
    private final Function<CatalogSnapshot, PlanningSchema> schemas;

    /** {@code schemas} builds a fresh planning schema for a catalog. */
    ViewDefinitions(Function<CatalogSnapshot, PlanningSchema> schemas) {
        this.schemas = schemas;
    }

    @Override
    public ViewDef define(CatalogSnapshot catalog, String user, String name, List<String> columns, SqlNode query) {
        // The text first: validation rewrites the tree it is given (qualified names, expanded stars, our own
        // rewrites), and the view must keep what was written. What is analysed is that text, parsed again.
        String sql = ShardSqlParser.unparse(query);
        QueryPlanner.ViewShape shape = QueryPlanner.analyzeView(ShardSqlParser.parse(sql), schemas.apply(catalog));
        Authorizer.checkPlan(Access.of(user, catalog.grants()), shape.needs());
        List<RelDataTypeField> fields = shape.rowType().getFieldList();
        if (columns.size() > fields.size()) {
            throw new ShardSqlException(ErrorCode.SYNTAX_ERROR, "CREATE VIEW specifies more column names than columns");
        }
        List<ViewDef.Column> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String column = i < columns.size() ? columns.get(i) : fields.get(i).getName();
            if (!names.add(column)) {
                throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN, "column \"" + column + "\" specified more than "
                        + "once");
            }
            out.add(new ViewDef.Column(column, typeText(fields.get(i).getType()), fields.get(i).getName()));
        }
        Set<String> reads = new LinkedHashSet<>();
        for (TableNeed n : shape.needs()) if (!n.system()) reads.add(n.table());
        return new ViewDef(name, sql, out, List.copyOf(reads));
    }

    @Override
    public boolean stillMeans(CatalogSnapshot catalog, ViewDef view) {
        List<RelDataTypeField> fields;
        try {
            fields = QueryPlanner.analyzeView(ShardSqlParser.parse(view.sql()), schemas.apply(catalog)).rowType()
                    .getFieldList();
        } catch (RuntimeException e) {
            return false; // the query no longer validates (a column or table it names is gone)
        }
        if (fields.size() < view.columns().size()) return false;
        for (int i = 0; i < view.columns().size(); i++) {
            ViewDef.Column c = view.columns().get(i);
            if (!c.queryName().equals(fields.get(i).getName()) || !c.type().equals(typeText(fields.get(i).getType()))) {
                return false;
            }
        }
        return true;
    }

    /** A column type as text, without nullability ({@code INTEGER}, {@code VARCHAR(10)}, {@code DECIMAL(10, 2)}). */
    private static String typeText(RelDataType type) {
        String full = type.getFullTypeString();
        return full.endsWith(" NOT NULL") ? full.substring(0, full.length() - " NOT NULL".length()) : full;
    }
}
