package io.shardsql.jdbc.value;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.protocol.value.Value;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Calendar;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TimeZone;

/**
 * Reading a wire {@link Value} as what a {@code ResultSet.getXxx} asks for. NULL reads as null, or 0 /
 * false for primitives (the caller records {@code wasNull}). Numbers convert among themselves (to an
 * integral type by truncation toward zero, with a range check: 22003 when it does not fit), strings
 * parse, and every type reads as a string. What cannot convert is an {@link SQLDataException} (22018).
 *
 * <p>Strings of values: BOOLEAN {@code true}/{@code false}; DECIMAL plain (no exponent); VARBINARY
 * lower-case hex; DATE {@code 2024-01-31}; TIME {@code 10:15:30[.fraction]}; TIMESTAMP
 * {@code 2024-01-31 10:15:30[.fraction]} (the form of {@link Timestamp#toString()}).
 */
public final class ValueConversions {
    private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral(' ').append(TIME).toFormatter(Locale.ROOT);
    private static final DateTimeFormatter TIMESTAMP_PARSE = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral(' ').optionalEnd().optionalStart().appendLiteral('T').optionalEnd()
            .append(TIME).toFormatter(Locale.ROOT);

    private ValueConversions() {}

    public static String toStringValue(Value v) {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof BigDecimal d) return d.toPlainString();
        if (o instanceof byte[] b) return HexFormat.of().formatHex(b);
        if (o instanceof LocalTime t) return TIME.format(t);
        if (o instanceof LocalDateTime t) return TIMESTAMP.format(t);
        return o.toString();
    }

    public static boolean toBoolean(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return false;
        if (o instanceof Boolean b) return b;
        if (o instanceof BigDecimal d) return d.signum() != 0;
        if (o instanceof Number n) return n.doubleValue() != 0;
        if (o instanceof String s) {
            switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "true", "t", "yes", "y", "on", "1": return true;
                case "false", "f", "no", "n", "off", "0": return false;
                default: break;
            }
        }
        throw SqlErrors.conversion(o, "BOOLEAN");
    }

    public static byte toByte(Value v) throws SQLException {
        return (byte) toIntegral(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    public static short toShort(Value v) throws SQLException {
        return (short) toIntegral(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    public static int toInt(Value v) throws SQLException {
        return (int) toIntegral(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    public static long toLong(Value v) throws SQLException {
        return toIntegral(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    public static float toFloat(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return 0f;
        if (o instanceof Float f) return f;
        return (float) toDouble(v);
    }

    public static double toDouble(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return 0d;
        if (o instanceof Number n && !(o instanceof BigDecimal)) return n.doubleValue();
        if (o instanceof BigDecimal d) return d.doubleValue();
        if (o instanceof Boolean b) return b ? 1d : 0d;
        if (o instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw SqlErrors.conversion(o, "DOUBLE");
            }
        }
        throw SqlErrors.conversion(o, "DOUBLE");
    }

    public static BigDecimal toBigDecimal(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof BigDecimal d) return d;
        if (o instanceof Float || o instanceof Double) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) throw SqlErrors.conversion(o, "DECIMAL");
            return o instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
        }
        if (o instanceof Number n) return BigDecimal.valueOf(n.longValue());
        if (o instanceof Boolean b) return b ? BigDecimal.ONE : BigDecimal.ZERO;
        if (o instanceof String s) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw SqlErrors.conversion(o, "DECIMAL");
            }
        }
        throw SqlErrors.conversion(o, "DECIMAL");
    }

    public static BigDecimal toBigDecimal(Value v, int scale) throws SQLException {
        BigDecimal d = toBigDecimal(v);
        return d == null ? null : d.setScale(scale, RoundingMode.HALF_UP);
    }

    public static byte[] toBytes(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof byte[] b) return b;
        if (o instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        throw SqlErrors.conversion(o, "VARBINARY");
    }

    public static LocalDate toLocalDate(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof LocalDate d) return d;
        if (o instanceof LocalDateTime t) return t.toLocalDate();
        if (o instanceof String s) {
            String t = s.trim();
            try {
                return t.length() > 10 ? LocalDateTime.parse(t, TIMESTAMP_PARSE).toLocalDate() : LocalDate.parse(t);
            } catch (DateTimeParseException e) {
                throw SqlErrors.conversion(o, "DATE");
            }
        }
        throw SqlErrors.conversion(o, "DATE");
    }

    public static LocalTime toLocalTime(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof LocalTime t) return t;
        if (o instanceof LocalDateTime t) return t.toLocalTime();
        if (o instanceof String s) {
            String t = s.trim();
            try {
                return t.length() > 10 && t.charAt(4) == '-' ? LocalDateTime.parse(t, TIMESTAMP_PARSE).toLocalTime()
                        : LocalTime.parse(t, TIME);
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw SqlErrors.conversion(o, "TIME");
            }
        }
        throw SqlErrors.conversion(o, "TIME");
    }

    public static LocalDateTime toLocalDateTime(Value v) throws SQLException {
        Object o = v.toObject();
        if (o == null) return null;
        if (o instanceof LocalDateTime t) return t;
        if (o instanceof LocalDate d) return d.atStartOfDay();
        if (o instanceof String s) {
            String t = s.trim();
            try {
                return t.length() == 10 ? LocalDate.parse(t).atStartOfDay() : LocalDateTime.parse(t, TIMESTAMP_PARSE);
            } catch (DateTimeParseException e) {
                throw SqlErrors.conversion(o, "TIMESTAMP");
            }
        }
        throw SqlErrors.conversion(o, "TIMESTAMP");
    }

    /** DATE as {@code java.sql.Date}: midnight of that day in {@code cal}'s time zone (null: the JVM's). */
    public static java.sql.Date toSqlDate(Value v, Calendar cal) throws SQLException {
        LocalDate d = toLocalDate(v);
        if (d == null) return null;
        if (cal == null) return java.sql.Date.valueOf(d);
        return new java.sql.Date(d.atStartOfDay(cal.getTimeZone().toZoneId()).toInstant().toEpochMilli());
    }

    /** TIME as {@code java.sql.Time} (to the millisecond) on 1970-01-01 in {@code cal}'s zone (null: the JVM's). */
    public static java.sql.Time toSqlTime(Value v, Calendar cal) throws SQLException {
        LocalTime t = toLocalTime(v);
        if (t == null) return null;
        TimeZone tz = cal == null ? TimeZone.getDefault() : cal.getTimeZone();
        return new java.sql.Time(LocalDate.of(1970, 1, 1).atTime(t).atZone(tz.toZoneId()).toInstant().toEpochMilli());
    }

    /**
     * TIMESTAMP as {@code java.sql.Timestamp} (nanoseconds kept), its fields read in {@code cal}'s zone (null: the
     * JVM's).
     */
    public static Timestamp toTimestamp(Value v, Calendar cal) throws SQLException {
        LocalDateTime t = toLocalDateTime(v);
        if (t == null) return null;
        if (cal == null) return Timestamp.valueOf(t);
        return Timestamp.from(t.atZone(cal.getTimeZone().toZoneId()).toInstant());
    }

    /** What {@code getObject(col)} returns: JDBC's default Java class for the SQL type. */
    public static Object toObject(Value v) {
        Object o = v.toObject();
        if (o instanceof Short s) return (int) s; // JDBC: SMALLINT reads as Integer
        if (o instanceof LocalDate d) return java.sql.Date.valueOf(d);
        if (o instanceof LocalTime t) return new java.sql.Time(LocalDate.of(1970, 1, 1).atTime(t)
                .atZone(TimeZone.getDefault().toZoneId()).toInstant().toEpochMilli());
        if (o instanceof LocalDateTime t) return Timestamp.valueOf(t);
        return o;
    }

    /** What {@code getObject(col, type)} returns. */
    @SuppressWarnings("unchecked")
    public static <T> T toObject(Value v, Class<T> type) throws SQLException {
        if (type == null) throw SqlErrors.general("getObject: the type must not be null");
        if (v.isNull()) return null;
        Object r;
        if (type == String.class) r = toStringValue(v);
        else if (type == Boolean.class) r = toBoolean(v);
        else if (type == Byte.class) r = toByte(v);
        else if (type == Short.class) r = toShort(v);
        else if (type == Integer.class) r = toInt(v);
        else if (type == Long.class) r = toLong(v);
        else if (type == Float.class) r = toFloat(v);
        else if (type == Double.class) r = toDouble(v);
        else if (type == BigDecimal.class) r = toBigDecimal(v);
        else if (type == BigInteger.class) r = BigInteger.valueOf(toLong(v));
        else if (type == byte[].class) r = toBytes(v);
        else if (type == LocalDate.class) r = toLocalDate(v);
        else if (type == LocalTime.class) r = toLocalTime(v);
        else if (type == LocalDateTime.class) r = toLocalDateTime(v);
        else if (type == OffsetDateTime.class) r = toLocalDateTime(v).atOffset(ZoneOffset.UTC);
        else if (type == java.time.Instant.class) r = toLocalDateTime(v).toInstant(ZoneOffset.UTC);
        else if (type == java.sql.Date.class) r = toSqlDate(v, null);
        else if (type == java.sql.Time.class) r = toSqlTime(v, null);
        else if (type == Timestamp.class || type == java.util.Date.class) r = toTimestamp(v, null);
        else if (type == Object.class) r = toObject(v);
        else throw SqlErrors.conversion(v.toObject(), type.getName());
        return (T) r;
    }

    private static long toIntegral(Value v, long min, long max, String target) throws SQLException {
        Object o = v.toObject();
        if (o == null) return 0;
        long r;
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            r = ((Number) o).longValue();
        } else if (o instanceof Boolean b) {
            r = b ? 1 : 0;
        } else if (o instanceof Float || o instanceof Double) {
            double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || d < min || d > max) throw outOfRange(o, target);
            r = (long) d;
        } else {
            BigDecimal d = toBigDecimal(v);
            BigInteger i = d.toBigInteger();
            if (i.compareTo(BigInteger.valueOf(min)) < 0 || i.compareTo(BigInteger.valueOf(max)) > 0) {
                throw outOfRange(o, target);
            }
            r = i.longValue();
        }
        if (r < min || r > max) throw outOfRange(o, target);
        return r;
    }

    private static SQLException outOfRange(Object o, String target) {
        return new SQLDataException("value " + o + " is out of range for " + target, "22003");
    }
}
