package io.shardsql.sql.exec;

import org.apache.calcite.avatica.util.DateTimeUtils;

/**
 * Functions whose code is ours rather than Calcite's, because Calcite's result differs from
 * PostgreSQL's; the generated code of a statement calls these methods ({@link PostgresFunctions}
 * declares them to the validator).
 */
public final class PostgresMath {
    private PostgresMath() {}

    /**
     * {@code log10(x)}: exact at powers of ten, as PostgreSQL's ({@code log10(1000)} is 3). Calcite divides
     * two natural logarithms, which gives 2.9999999999999996.
     *
     * @param number any number (the generated code passes it as it holds it), or null
     * @return null for null
     * @throws IllegalArgumentException for zero or a negative number (SQLState 2201E)
     */
    public static Double log10(Number number) {
        if (number == null) return null;
        double x = number.doubleValue();
        if (x == 0) throw new IllegalArgumentException("cannot take logarithm of zero");
        if (x < 0) throw new IllegalArgumentException("cannot take logarithm of a negative number");
        return Math.log10(x);
    }

    /**
     * A TIMESTAMP as text, as PostgreSQL writes it: the fraction of a second only as far as it goes
     * ({@code 2024-02-29 13:45:30.5}, {@code 2024-02-29 13:45:30}). Calcite writes as many digits as the
     * type's precision, and TIMESTAMP is TIMESTAMP(0) though its values keep milliseconds.
     *
     * @param millis Calcite's internal value: milliseconds since 1970-01-01 00:00:00, no time zone; or null
     */
    public static String timestampText(Long millis) {
        if (millis == null) return null;
        return withoutTrailingZeros(DateTimeUtils.unixTimestampToString(millis, 3));
    }

    /** A TIME as text, like {@link #timestampText}: {@code 08:15:00.25}. */
    public static String timeText(Integer millisOfDay) {
        if (millisOfDay == null) return null;
        return withoutTrailingZeros(DateTimeUtils.unixTimeToString(millisOfDay, 3));
    }

    private static String withoutTrailingZeros(String withFraction) {
        int end = withFraction.length();
        while (withFraction.charAt(end - 1) == '0') end--;
        if (withFraction.charAt(end - 1) == '.') end--;
        return withFraction.substring(0, end);
    }
}
