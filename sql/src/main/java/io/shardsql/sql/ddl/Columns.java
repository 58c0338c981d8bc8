package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.parser.SqlColumnDef;

/**
 * A parsed column definition → {@link ColumnDef}: type mapped, DEFAULT evaluated and checked (a literal
 * once, an expression per row: {@link DefaultExprs}). A SERIAL or identity column gets its sequence's
 * nextval from {@link CreateTable}.
 */
final class Columns {
    private Columns() {}

    /** {@code keyColumn}: part of the primary key, so NOT NULL whatever it says. */
    static ColumnDef of(SqlColumnDef def, int id, boolean keyColumn) {
        if (id > 0xFFFF) {
            throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION,
                    "a table can have at most 65535 columns over its life");
        }
        String name = def.simpleName();
        SqlType type = TypeMapping.of(def.type(), name);
        boolean nullable = !def.notNull() && !keyColumn;
        ColumnDef typed = new ColumnDef(id, name, type, nullable, null);
        DefaultExpr expr = DefaultExprs.of(def.defaultValue(), typed);
        if (expr != null) return new ColumnDef(id, name, type, nullable, null, expr, ColumnDef.Identity.NONE);
        // the default is checked as a value of the column, not against NOT NULL: PostgreSQL accepts
        // "NOT NULL DEFAULT NULL" and fails the INSERT that uses it
        Object value = DefaultValues.evaluate(def.defaultValue(), new ColumnDef(id, name, type, true, null));
        return new ColumnDef(typed.id(), name, type, nullable, value);
    }
}
