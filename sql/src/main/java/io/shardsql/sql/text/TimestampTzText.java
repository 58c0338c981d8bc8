package io.shardsql.sql.text;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * TIMESTAMP WITH TIME ZONE as text, PostgreSQL's ISO forms. Input: {@code 2024-02-29 13:45:30.5+02},
 * {@code 2024-02-29T13:45:30Z}, {@code 2024-02-29 13:45 -05:30}, {@code 2024-02-29} (midnight); without an
 * offset the time is read in the session's zone, which is always UTC. Output: the instant in UTC,
 * {@code 2024-02-29 11:45:30.5+00}, the fraction of a second as far as it goes (as PostgreSQL prints a
 * timestamptz in a session whose TimeZone is UTC).
 */
public final class TimestampTzText {
    private static final Pattern FORM = Pattern.compile(
            "(\\d{4,}-\\d{1,2}-\\d{1,2})(?:[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?"
            + " *(Z|UTC|GMT|[+-]\\d{1,2}(?::?\\d{2})?)?");

    private TimestampTzText() {}

    /** The instant {@code text} names; 22007 if it is not one. */
    public static Instant parse(String text) {
        Matcher m = FORM.matcher(text.trim().toUpperCase(Locale.ROOT));
        if (!m.matches()) throw invalid(text);
        try {
            String[] date = m.group(1).split("-");
            LocalDate day = LocalDate.of(Integer.parseInt(date[0]), Integer.parseInt(date[1]),
                    Integer.parseInt(date[2]));
            LocalTime time = LocalTime.MIDNIGHT;
            if (m.group(2) != null) {
                String fraction = m.group(5) == null ? "0" : (m.group(5) + "00000000").substring(0, 9);
                time = LocalTime.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                        m.group(4) == null ? 0 : Integer.parseInt(m.group(4)), Integer.parseInt(fraction));
            }
            return LocalDateTime.of(day, time).toInstant(offset(m.group(6)));
        } catch (DateTimeException | NumberFormatException e) {
            throw new ShardSqlException(ErrorCode.DATETIME_FIELD_OVERFLOW,
                    "date/time field value out of range: \"" + text + "\"");
        }
    }

    /** {@link #parse} as milliseconds since the epoch, Calcite's value of the type; NULL stays NULL. */
    public static Long parseMillis(String text) {
        return text == null ? null : parse(text).toEpochMilli();
    }

    /** The text of {@code millis} since the epoch; NULL stays NULL. */
    public static String formatMillis(Long millis) {
        return millis == null ? null : format(Instant.ofEpochMilli(millis));
    }

    /** The text of {@code instant}: {@code 2024-02-29 11:45:30.5+00}. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(32);
        out.append(t.toLocalDate()).append(' ');
        out.append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() > 0) {
            String fraction = String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", "");
            out.append('.').append(fraction);
        }
        return out.append("+00").toString();
    }

    private static ZoneOffset offset(String zone) {
        if (zone == null || zone.equals("Z") || zone.equals("UTC") || zone.equals("GMT")) return ZoneOffset.UTC;
        String digits = zone.substring(1).replace(":", "");
        int hours = Integer.parseInt(digits.length() > 2 ? digits.substring(0, digits.length() - 2) : digits);
        int minutes = digits.length() > 2 ? Integer.parseInt(digits.substring(digits.length() - 2)) : 0;
        int sign = zone.charAt(0) == '-' ? -1 : 1;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static ShardSqlException invalid(String text) {
        return new ShardSqlException(ErrorCode.INVALID_DATETIME_FORMAT,
                "invalid input syntax for type timestamp with time zone: \"" + text + "\"");
    }
}
