package io.shardsql.jdbc.value;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;

/**
 * Turning what a {@code PreparedStatement.setXxx} gets into a wire {@link Value}. {@code java.sql.Date},
 * {@code Time} and {@code Timestamp} are read in the JVM's time zone (or the given {@code Calendar}'s),
 * as JDBC says; {@code OffsetDateTime}, {@code ZonedDateTime} and {@code Instant} become the UTC local
 * date-time (TIMESTAMP has no time zone). With a target SQL type the value is converted to that type
 * here, with the same rules as reading ({@link ValueConversions}).
 */
public final class ParameterValues {
    private ParameterValues() {}

    /** The value for {@code setObject(i, o)}. */
    public static Value of(Object o) throws SQLException {
        if (o == null) return Value.NULL;
        if (o instanceof Value v) return v;
        if (o instanceof java.sql.Date d) return Value.of(d.toLocalDate());
        if (o instanceof java.sql.Time t) return Value.of(toLocalTime(t, null));
        if (o instanceof Timestamp t) return Value.of(t.toLocalDateTime());
        if (o instanceof java.util.Date d) {
            return Value.of(LocalDateTime.ofInstant(d.toInstant(), ZoneId.systemDefault()));
        }
        if (o instanceof Character c) return Value.of(c.toString());
        if (o instanceof OffsetDateTime t) return Value.of(t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime());
        if (o instanceof ZonedDateTime t) return Value.of(t.withZoneSameInstant(ZoneOffset.UTC).toLocalDateTime());
        if (o instanceof Instant i) return Value.of(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
        if (o instanceof Calendar c) {
            return Value.of(LocalDateTime.ofInstant(c.toInstant(), c.getTimeZone().toZoneId()));
        }
        try {
            return Value.of(o);
        } catch (IllegalArgumentException e) {
            throw SqlErrors.unsupported("a parameter of class " + o.getClass().getName());
        }
    }

    /** The value for {@code setObject(i, o, targetSqlType, scaleOrLength)}: {@code o} converted to that type. */
    public static Value of(Object o, int targetSqlType, int scaleOrLength) throws SQLException {
        Value v = of(o);
        if (v.isNull()) return v;
        return switch (targetSqlType) {
            case Types.BIT, Types.BOOLEAN -> Value.of(ValueConversions.toBoolean(v));
            case Types.TINYINT, Types.SMALLINT -> Value.of(ValueConversions.toShort(v));
            case Types.INTEGER -> Value.of(ValueConversions.toInt(v));
            case Types.BIGINT -> Value.of(ValueConversions.toLong(v));
            case Types.DECIMAL, Types.NUMERIC -> Value.of(scaleOrLength > 0
                    ? ValueConversions.toBigDecimal(v).setScale(scaleOrLength, RoundingMode.HALF_UP)
                    : ValueConversions.toBigDecimal(v));
            case Types.REAL -> Value.of(ValueConversions.toFloat(v));
            case Types.FLOAT, Types.DOUBLE -> Value.of(ValueConversions.toDouble(v));
            case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                 Types.CLOB, Types.NCLOB -> Value.of(ValueConversions.toStringValue(v));
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
                    Value.of(Bytes.wrap(ValueConversions.toBytes(v)));
            case Types.DATE -> Value.of(ValueConversions.toLocalDate(v));
            case Types.TIME -> Value.of(ValueConversions.toLocalTime(v));
            case Types.TIMESTAMP -> Value.of(ValueConversions.toLocalDateTime(v));
            // an instant travels as its UTC date-time (OffsetDateTime, Instant: converted by of(Object))
            case Types.TIMESTAMP_WITH_TIMEZONE -> v.toObject() instanceof String ? v
                    : Value.of(ValueConversions.toLocalDateTime(v));
            case Types.OTHER, Types.JAVA_OBJECT -> v;
            case Types.NULL -> Value.NULL;
            default -> throw SqlErrors.unsupported("SQL type " + targetSqlType + " (java.sql.Types) as a parameter");
        };
    }

    public static Value date(java.sql.Date d, Calendar cal) {
        if (d == null) return Value.NULL;
        if (cal == null) return Value.of(d.toLocalDate());
        return Value.of(Instant.ofEpochMilli(d.getTime()).atZone(cal.getTimeZone().toZoneId()).toLocalDate());
    }

    public static Value time(java.sql.Time t, Calendar cal) {
        return t == null ? Value.NULL : Value.of(toLocalTime(t, cal));
    }

    public static Value timestamp(Timestamp t, Calendar cal) {
        if (t == null) return Value.NULL;
        if (cal == null) return Value.of(t.toLocalDateTime());
        return Value.of(t.toInstant().atZone(cal.getTimeZone().toZoneId()).toLocalDateTime());
    }

    public static Value decimal(BigDecimal d) {
        return d == null ? Value.NULL : Value.of(d);
    }

    private static java.time.LocalTime toLocalTime(java.sql.Time t, Calendar cal) {
        ZoneId zone = cal == null ? ZoneId.systemDefault() : cal.getTimeZone().toZoneId();
        return Instant.ofEpochMilli(t.getTime()).atZone(zone).toLocalTime();
    }

}
