package io.shardsql.server.endpoint;

import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.message.ParameterMetadata;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;
import io.shardsql.sql.exec.ResultColumn;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.math.BigDecimal;
import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Engine values to wire values and back. A row field goes out with the wire type of its column (so
 * a DOUBLE column always carries DOUBLE values, whatever Java number the engine computed); parameters
 * come in as the plain Java values of {@link Value#toObject}, which the engine converts to the
 * parameter's type.
 */
final class WireValues {
    private WireValues() {}

    static List<ColumnMetadata> columns(List<ResultColumn> columns) {
        return columns.stream().map(c -> new ColumnMetadata(c.name(), c.jdbcType(), c.typeName(), c.precision(),
                c.scale(), nullable(c))).toList();
    }

    static List<ParameterMetadata> parameterMetadata(List<ResultColumn> params) {
        return params.stream().map(c -> new ParameterMetadata(c.jdbcType(), c.typeName(), c.precision(), c.scale(),
                nullable(c))).toList();
    }

    private static int nullable(ResultColumn c) {
        return c.nullable() ? ResultSetMetaData.columnNullable : ResultSetMetaData.columnNoNulls;
    }

    static List<Object> values(List<Value> values) {
        List<Object> out = new ArrayList<>(values.size());
        for (Value v : values) out.add(v.toObject());
        return out;
    }

    static Row row(List<ResultColumn> columns, Object[] fields) {
        List<Value> values = new ArrayList<>(fields.length);
        for (int i = 0; i < fields.length; i++) values.add(value(columns.get(i).jdbcType(), fields[i]));
        return new Row(values);
    }

    /** {@code v} as a wire value of the column's type where the engine's Java type differs. */
    static Value value(int jdbcType, Object v) {
        if (v == null) return Value.NULL;
        if (v instanceof Number n) {
            return switch (jdbcType) {
                case Types.TINYINT, Types.SMALLINT -> Value.of(n.shortValue());
                case Types.INTEGER -> Value.of(n.intValue());
                case Types.BIGINT -> Value.of(n.longValue());
                case Types.REAL, Types.FLOAT -> Value.of(n.floatValue());
                case Types.DOUBLE -> Value.of(n.doubleValue());
                case Types.DECIMAL, Types.NUMERIC ->
                        Value.of(n instanceof BigDecimal d ? d : new BigDecimal(n.toString()));
                default -> Value.of(v);
            };
        }
        if (v instanceof Character c) return Value.of(c.toString());
        // TIMESTAMP WITH TIME ZONE: the instant as its UTC date-time; the column's metadata says it is zoned
        if (v instanceof Instant i) return Value.of(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        if (v instanceof String || v instanceof byte[] || v instanceof Boolean) return Value.of(v);
        try {
            return Value.of(v);
        } catch (IllegalArgumentException e) {
            // nothing the engine's types produce; shown as text rather than failing the query
            return Value.of(v.toString());
        }
    }

    /** About how many bytes {@code row} takes on the wire (for cutting batches by size). */
    static int estimatedBytes(Object[] fields) {
        int n = 2;
        for (Object f : fields) {
            if (f instanceof String s) n += 2 + s.length() * 3;
            else if (f instanceof byte[] b) n += 2 + b.length;
            else if (f instanceof BigDecimal d) n += 8 + d.unscaledValue().bitLength() / 8;
            else n += 9;
        }
        return n;
    }
}
