package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * One parameter ({@code ?}) of a prepared statement, what {@code ParameterMetaData} reports (all
 * parameters are IN parameters).
 * <pre>
 * | jdbc type (i32) | type name (string) | precision (i32) | scale (i32) | nullable (u8) |
 * </pre>
 *
 * @param nullable {@code ParameterMetaData.parameterNoNulls} (0), {@code parameterNullable} (1) or
 *                 {@code parameterNullableUnknown} (2)
 */
public record ParameterMetadata(int jdbcType, String typeName, int precision, int scale, int nullable) {
    public ParameterMetadata {
        Objects.requireNonNull(typeName, "typeName");
        if (nullable < 0 || nullable > 2) throw new IllegalArgumentException("nullable must be 0, 1 or 2: " + nullable);
    }
}
