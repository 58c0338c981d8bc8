package io.shardsql.sql.catalog;

/**
 * A column of a table. {@code id} is stable for the life of the column and is what row values are
 * keyed by; names can be reused after a DROP COLUMN, ids never are.
 *
 * @param defaultValue the value an INSERT that omits the column stores, and what rows written before an
 *                     ADD COLUMN read as (a Java value of the type, see {@link SqlType}); null for NULL
 */
public record ColumnDef(int id, String name, SqlType type, boolean nullable, Object defaultValue) {
    public ColumnDef {
        if (id < 1 || id > 0xFFFF) throw new IllegalArgumentException("column id out of range: " + id);
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("column without a name");
    }
}
