package io.shardsql.testkit.sql;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * How script files write a value, fixed so that expected output is unambiguous:
 * <pre>
 * NULL                          NULL
 * ''                            (empty)
 * other strings                 as they are (CHAR(n) padding included)
 * SMALLINT, INTEGER, BIGINT     decimal digits: 42, -7
 * DECIMAL / NUMERIC             BigDecimal.toPlainString: 1.50, 100, 0.001 (the scale as returned)
 * REAL, DOUBLE                  Float/Double.toString: 1.5, 2.0, 1.0E10, NaN
 * BOOLEAN                       true, false
 * VARBINARY / BYTEA             \x and lower-case hex: \x00ff
 * DATE                          2024-02-29
 * TIME                          13:05:00, 13:05:00.25 (seconds always; a fraction only when non-zero, as PostgreSQL)
 * TIMESTAMP                     2024-02-29 13:05:00, 2024-02-29 13:05:00.25 (a space, as PostgreSQL prints)
 * TIMESTAMP WITH TIME ZONE      2024-02-29 13:05:00+00 (UTC, as PostgreSQL prints it with TimeZone UTC)
 * </pre>
 * A row is its values joined by {@code " | "}.
 */
final class ValueFormat {
    static final String COLUMN_SEPARATOR = " | ";

    private ValueFormat() {}

    static String row(Object[] values) {
        StringJoiner j = new StringJoiner(COLUMN_SEPARATOR);
        for (Object v : values) j.add(value(v));
        return j.toString();
    }

    static String value(Object v) {
        if (v == null) return "NULL";
        if (v instanceof String s) return s.isEmpty() ? "(empty)" : s;
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof byte[] b) return "\\x" + HexFormat.of().formatHex(b);
        if (v instanceof LocalTime t) return time(t);
        if (v instanceof LocalDateTime ts) return ts.toLocalDate() + " " + time(ts.toLocalTime());
        if (v instanceof LocalDate d) return d.toString();
        if (v instanceof java.time.Instant i) {
            LocalDateTime ts = LocalDateTime.ofInstant(i, java.time.ZoneOffset.UTC);
            return ts.toLocalDate() + " " + time(ts.toLocalTime()) + "+00";
        }
        return String.valueOf(v); // integers, Float, Double, Boolean
    }

    private static String time(LocalTime t) {
        String hms = String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) return hms;
        String fraction = String.format("%09d", t.getNano()).replaceFirst("0+$", "");
        return hms + "." + fraction;
    }
}
