package io.shardsql.jdbc.value;

import io.shardsql.protocol.value.Value;

import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * Values of a TIMESTAMP WITH TIME ZONE column ({@code java.sql.Types.TIMESTAMP_WITH_TIMEZONE} in the column's
 * metadata). The wire carries the instant as its UTC date-time (a TIMESTAMP value, docs/protocol.md), so
 * unlike a TIMESTAMP's, these values are read as instants: {@code getTimestamp} is that instant whatever the
 * JVM's zone (as PostgreSQL's driver does), and {@code getString} is PostgreSQL's text in UTC,
 * {@code 2024-02-29 11:45:30.5+00}.
 */
public final class ZonedTimestamps {
    private ZonedTimestamps() {}

    /** The instant as a {@link Timestamp}, or null for NULL. */
    public static Timestamp toTimestamp(Value v) throws SQLException {
        if (v.isNull()) return null;
        return Timestamp.from(ValueConversions.toLocalDateTime(v).toInstant(ZoneOffset.UTC));
    }

    /** PostgreSQL's text of the instant in UTC, or null for NULL. */
    public static String toText(Value v) throws SQLException {
        if (v.isNull()) return null;
        LocalDateTime t = ValueConversions.toLocalDateTime(v);
        StringBuilder out = new StringBuilder(32).append(t.toLocalDate()).append(' ')
                .append(String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond()));
        if (t.getNano() > 0) {
            out.append('.').append(String.format(Locale.ROOT, "%09d", t.getNano()).replaceAll("0+$", ""));
        }
        return out.append("+00").toString();
    }
}
