package io.shardsql.sql.catalog;

/**
 * A column of a table. {@code id} is stable for the life of the column and is what row values are
 * keyed by; names can be reused after a DROP COLUMN, ids never are.
 *
 * @param defaultValue the value an INSERT that omits the column stores (unless {@code defaultExpr} is
 *                     set), and what rows written before an ADD COLUMN read as (a Java value of the type,
 *                     see {@link SqlType}); null for NULL
 * @param defaultExpr  a DEFAULT evaluated per inserted row (nextval, CURRENT_TIMESTAMP, ...), or null
 * @param identity     whether the column is {@code GENERATED ... AS IDENTITY}
 */
public record ColumnDef(int id, String name, SqlType type, boolean nullable, Object defaultValue,
                        DefaultExpr defaultExpr, Identity identity) {

    /** {@code GENERATED ALWAYS | BY DEFAULT AS IDENTITY}, or neither. */
    public enum Identity {
        NONE,
        /** An INSERT may not give the column a value (428C9). */
        ALWAYS,
        /** An INSERT may give the column a value; the sequence fills it in otherwise. */
        BY_DEFAULT
    }

    public ColumnDef {
        if (id < 1 || id > 0xFFFF) throw new IllegalArgumentException("column id out of range: " + id);
        if (name == null || name.isEmpty()) throw new IllegalArgumentException("column without a name");
        if (identity == null) identity = Identity.NONE;
    }

    /** A column whose DEFAULT, if any, is a value. */
    public ColumnDef(int id, String name, SqlType type, boolean nullable, Object defaultValue) {
        this(id, name, type, nullable, defaultValue, null, Identity.NONE);
    }

    /** Whether an INSERT that omits the column stores something other than NULL. */
    public boolean hasDefault() {
        return defaultValue != null || defaultExpr != null;
    }
}
