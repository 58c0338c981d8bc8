package io.shardsql.sql.calcite;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.text.TimestampTzText;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Bound parameter values, as a client sends them (JDBC's Java types, {@code java.time}, strings), in
 * Calcite's representation of the type the validator inferred for the {@code ?}. A value that does
 * not fit is refused with the SQLState PostgreSQL gives (22003 out of range, 22P02/22007 unparsable).
 */
public final class Parameters {
    private Parameters() {}

    public static Object toInternal(RelDataType type, Object v, int index) {
        if (v == null) return null;
        try {
            return switch (type.getSqlTypeName()) {
                case BOOLEAN -> v instanceof Boolean b ? b : parseBoolean(v.toString());
                case TINYINT -> (byte) exact(v, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
                case SMALLINT -> (short) exact(v, Short.MIN_VALUE, Short.MAX_VALUE, type);
                case INTEGER -> (int) exact(v, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
                case BIGINT -> exact(v, Long.MIN_VALUE, Long.MAX_VALUE, type);
                case DECIMAL -> decimal(v);
                case REAL, FLOAT -> v instanceof Number n ? n.floatValue() : Float.parseFloat(v.toString().trim());
                case DOUBLE -> v instanceof Number n ? n.doubleValue() : Double.parseDouble(v.toString().trim());
                case CHAR, VARCHAR -> v.toString();
                case BINARY, VARBINARY -> v instanceof byte[] b ? new ByteString(b) : v instanceof ByteString ? v
                        : new ByteString(v.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case DATE -> (int) date(v).toEpochDay();
                case TIME -> (int) (time(v).toNanoOfDay() / 1_000_000);
                case TIMESTAMP -> timestamp(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> v instanceof String s ? TimestampTzText.parse(s).toEpochMilli()
                        : timestamp(v).toInstant(ZoneOffset.UTC).toEpochMilli();
                default -> v;
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new ShardSqlException(ErrorCode.INVALID_TEXT_REPRESENTATION,
                    "parameter " + (index + 1) + ": invalid input for type " + type.getSqlTypeName() + ": '" + v + "'");
        }
    }

    private static boolean parseBoolean(String s) {
        return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "t", "yes", "on", "1" -> true;
            case "false", "f", "no", "off", "0" -> false;
            default -> throw new NumberFormatException(s);
        };
    }

    private static long exact(Object v, long min, long max, RelDataType type) {
        BigDecimal d = decimal(v);
        if (d.stripTrailingZeros().scale() > 0) d = d.setScale(0, java.math.RoundingMode.HALF_EVEN);
        if (d.compareTo(BigDecimal.valueOf(min)) < 0 || d.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE,
                    "value " + v + " is out of range for type " + type.getSqlTypeName());
        }
        return d.longValueExact();
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal d) return d;
        if (v instanceof Double || v instanceof Float) return new BigDecimal(v.toString());
        if (v instanceof Number n) return BigDecimal.valueOf(n.longValue());
        if (v instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
        return new BigDecimal(v.toString().trim());
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate d) return d;
        if (v instanceof java.sql.Date d) return d.toLocalDate();
        if (v instanceof LocalDateTime t) return t.toLocalDate();
        return LocalDate.parse(v.toString().trim());
    }

    private static LocalTime time(Object v) {
        if (v instanceof LocalTime t) return t;
        if (v instanceof java.sql.Time t) return t.toLocalTime();
        return LocalTime.parse(v.toString().trim());
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime t) return t;
        if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime();
        if (v instanceof Instant i) return LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        if (v instanceof OffsetDateTime o) return o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        if (v instanceof LocalDate d) return d.atStartOfDay();
        return LocalDateTime.parse(v.toString().trim().replace(' ', 'T'));
    }
}
