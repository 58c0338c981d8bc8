package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlDialect;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.parser.SqlInsertOnConflict;
import io.shardsql.sql.parser.SqlReturning;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How {@code INSERT / UPDATE / DELETE ... RETURNING list} runs: the DML statement is planned and run as it
 * would be alone, keeping the rows it writes (in the order it writes them); then the RETURNING list is
 * computed over each of them by a query planned once per statement text,
 * {@code SELECT list FROM (VALUES (CAST(? AS type), ...)) AS table(columns)}, with the row's values as
 * parameters, so the list may use anything a select list may. RETURNING after ON CONFLICT DO UPDATE,
 * and parameters inside the list, are 0A000 (yet).
 */
final class Returning {
    private Returning() {}

    /** The plan key of the DML part of {@code sql} (the plan cache is keyed by statement text). */
    static String dmlKey(String sql) {
        return sql + "\n-- the DML of a RETURNING";
    }

    /** Checks what the statement may not do. */
    static void check(SqlReturning r) {
        if (r.statement() instanceof SqlInsertOnConflict c && c.action() == SqlInsertOnConflict.Action.UPDATE) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "RETURNING after ON CONFLICT DO UPDATE is not supported yet");
        }
        r.expressions().accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlDynamicParam param) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                        "parameters in a RETURNING list are not supported yet");
            }
        });
    }

    /** The query that computes the RETURNING list of one row of {@code table}, its values bound as parameters. */
    static String query(SqlReturning r, CatalogSnapshot catalog) {
        String name = r.table().names.get(r.table().names.size() - 1);
        TableDef t = catalog.table(name).orElseThrow(() ->
                new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
        String items = r.expressions().stream().map(Returning::unparse).collect(Collectors.joining(", "));
        String values = t.columns().stream().map(c -> "CAST(? AS " + castType(c.type()) + ")")
                .collect(Collectors.joining(", "));
        String columns = t.columns().stream().map(c -> quote(c.name())).collect(Collectors.joining(", "));
        return "SELECT " + items + " FROM (VALUES (" + values + ")) AS " + quote(t.name()) + " (" + columns + ")";
    }

    /** The parsed form of {@link #query} (parsed once per plan miss). */
    static SqlNode parse(String query) {
        return ShardSqlParser.parse(query);
    }

    /** A row's values in column order, as parameters of {@link #query}. */
    static List<Object> parameters(Object[] row) {
        return java.util.Arrays.asList(row);
    }

    private static String unparse(SqlNode item) {
        return item.toSqlString(c -> c.withDialect(ShardSqlDialect.DEFAULT).withQuoteAllIdentifiers(true)).getSql();
    }

    private static String castType(SqlType type) {
        return switch (type.kind()) {
            case DECIMAL -> type.precision() > 0 ? "DECIMAL(" + type.precision() + ", " + type.scale() + ")"
                    : "DECIMAL(38, 18)";
            case VARCHAR, VARBINARY -> type.precision() > 0 ? type.kind() + "(" + type.precision() + ")"
                    : type.kind().name();
            case CHAR -> "CHAR(" + Math.max(1, type.precision()) + ")";
            case TIMESTAMPTZ -> "TIMESTAMP WITH LOCAL TIME ZONE";
            case JSON, JSONB -> "VARCHAR";
            default -> type.kind().name();
        };
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
