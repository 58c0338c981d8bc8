package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;

/**
 * What the rows a table had before {@code ADD COLUMN c ... DEFAULT expr} read for {@code c}: rows are not
 * rewritten, so they read {@link ColumnDef#defaultValue()}. As in PostgreSQL, CURRENT_TIMESTAMP and
 * CURRENT_DATE are evaluated once, when the column is added; a per-row DEFAULT (nextval,
 * gen_random_uuid) would need the rows rewritten, which ADD COLUMN does not do: 0A000 when the table has
 * rows.
 */
final class OldRows {
    private OldRows() {}

    static ColumnDef withValueForOldRows(ColumnDef column, BooleanSupplier tableHasRows) {
        if (column.defaultExpr() == null) return column;
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
        Object value = oldRowValue(column, now, tableHasRows);
        if (value instanceof LocalDateTime t && column.type().kind() == SqlType.Kind.TIMESTAMPTZ) {
            value = t.toInstant(ZoneOffset.UTC);
        }
        return new ColumnDef(column.id(), column.name(), column.type(), column.nullable(), value,
                column.defaultExpr(), column.identity());
    }

    private static Object oldRowValue(ColumnDef column, LocalDateTime now, BooleanSupplier tableHasRows) {
        return switch (column.defaultExpr().kind()) {
            case CURRENT_TIMESTAMP -> column.type().kind() == SqlType.Kind.DATE ? now.toLocalDate() : now;
            case CURRENT_DATE -> column.type().kind() == SqlType.Kind.DATE ? now.toLocalDate()
                    : now.toLocalDate().atStartOfDay();
            case NEXTVAL, GEN_RANDOM_UUID -> {
                if (tableHasRows.getAsBoolean()) {
                    throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "ADD COLUMN \"" + column.name()
                            + "\" with DEFAULT " + column.defaultExpr().sql()
                            + " to a table with rows is not supported (its rows would have to be rewritten)");
                }
                yield null;
            }
        };
    }
}
