package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * One column of a result, what {@code ResultSetMetaData} reports.
 * <pre>
 * | name (string) | jdbc type (i32) | type name (string) | precision (i32) | scale (i32) | nullable (u8) |
 * </pre>
 *
 * @param jdbcType a {@link java.sql.Types} constant
 * @param nullable {@code ResultSetMetaData.columnNoNulls} (0), {@code columnNullable} (1) or
 *                 {@code columnNullableUnknown} (2)
 */
public record ColumnMetadata(String name, int jdbcType, String typeName, int precision, int scale, int nullable) {
    public ColumnMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(typeName, "typeName");
        if (nullable < 0 || nullable > 2) throw new IllegalArgumentException("nullable must be 0, 1 or 2: " + nullable);
    }
}
