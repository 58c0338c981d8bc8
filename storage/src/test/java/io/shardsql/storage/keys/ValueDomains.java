package io.shardsql.storage.keys;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/** The {@link ValueDomain} of every {@link KeyType}, and value formatting for failure messages. */
final class ValueDomains {
    private static final Map<KeyType, ValueDomain> DOMAINS = new EnumMap<>(KeyType.class);

    static {
        add(KeyType.BOOLEAN, Random::nextBoolean, (r, v) -> r.nextBoolean() ? v : !(Boolean) v,
                Comparator.comparing(v -> (Boolean) v));
        add(KeyType.LONG, ValueDomains::randomLong, ValueDomains::nearLong, Comparator.comparing(v -> (Long) v));
        add(KeyType.DECIMAL, ValueDomains::randomDecimal, ValueDomains::nearDecimal,
                (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b));
        add(KeyType.FLOAT, ValueDomains::randomFloat, ValueDomains::nearFloat,
                (a, b) -> Float.compare(normalize((Float) a), normalize((Float) b)));
        add(KeyType.DOUBLE, ValueDomains::randomDouble, ValueDomains::nearDouble,
                (a, b) -> Double.compare(normalize((Double) a), normalize((Double) b)));
        add(KeyType.STRING, ValueDomains::randomString, ValueDomains::nearString,
                (a, b) -> compareCodePoints((String) a, (String) b));
        add(KeyType.BYTES, ValueDomains::randomBytes, ValueDomains::nearBytes,
                (a, b) -> Arrays.compareUnsigned((byte[]) a, (byte[]) b));
        add(KeyType.DATE, ValueDomains::randomDate, ValueDomains::nearDate,
                (a, b) -> ((LocalDate) a).compareTo((LocalDate) b));
        add(KeyType.TIME, r -> LocalTime.ofNanoOfDay(r.nextLong(0, 86_400_000_000_000L)), ValueDomains::nearTime,
                (a, b) -> ((LocalTime) a).compareTo((LocalTime) b));
        add(KeyType.TIMESTAMP, ValueDomains::randomTimestamp, ValueDomains::nearTimestamp,
                (a, b) -> ((LocalDateTime) a).compareTo((LocalDateTime) b));
        add(KeyType.TIMESTAMP_TZ, ValueDomains::randomInstant, ValueDomains::nearInstant,
                (a, b) -> ((Instant) a).compareTo((Instant) b));
    }

    private ValueDomains() {}

    static ValueDomain of(KeyType type) {
        return DOMAINS.get(type);
    }

    private static void add(KeyType t, ValueDomain.Generator g, ValueDomain.Neighbour n, Comparator<Object> c) {
        DOMAINS.put(t, new ValueDomain(t, g, n, c));
    }

    /** Code point order (= UTF-8 byte order), which is not {@link String#compareTo} (UTF-16 order). */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    }

    static String show(Object v) {
        if (v == null) return "NULL";
        if (v instanceof byte[] b) return "0x" + HexFormat.of().formatHex(b);
        if (v instanceof String s) {
            StringBuilder sb = new StringBuilder("\"");
            s.codePoints().forEach(cp -> {
                if (cp >= 0x20 && cp < 0x7F) sb.appendCodePoint(cp);
                else sb.append(String.format("\\u{%X}", cp));
            });
            return sb.append('"').toString();
        }
        if (v instanceof Double d) return d + " (bits " + Long.toHexString(Double.doubleToRawLongBits(d)) + ")";
        if (v instanceof Float f) return f + "f (bits " + Integer.toHexString(Float.floatToRawIntBits(f)) + ")";
        if (v instanceof BigDecimal d) return d.toString() + " (scale " + d.scale() + ")";
        return v.toString();
    }

    // ---- LONG

    private static final long[] LONG_EDGES = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -4294967296L, -256, -1, 0, 1, 255,
            256, 4294967296L, Long.MAX_VALUE - 1, Long.MAX_VALUE};

    private static Object randomLong(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> LONG_EDGES[r.nextInt(LONG_EDGES.length)];
            case 1 -> (long) r.nextInt(-1000, 1001);
            case 2 -> r.nextLong();
            default -> r.nextLong() >> r.nextInt(64);
        };
    }

    private static Object nearLong(Random r, Object v) {
        long x = (Long) v;
        return r.nextBoolean() ? x + r.nextInt(-2, 3) : x ^ (1L << r.nextInt(64));
    }

    // ---- DECIMAL

    private static final BigDecimal[] DECIMAL_EDGES = {
        BigDecimal.ZERO, BigDecimal.ONE, BigDecimal.ONE.negate(), new BigDecimal("0.001"), new BigDecimal("1E+30"),
        new BigDecimal("-1E+30"), new BigDecimal("1.000"), new BigDecimal("0E-10"), new BigDecimal("1E-1000"),
        new BigDecimal("-1E+1000"), new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE),
        new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1), new BigDecimal(BigInteger.valueOf(-7), Integer.MAX_VALUE),
        new BigDecimal(BigInteger.valueOf(Long.MAX_VALUE)), new BigDecimal(BigInteger.valueOf(Long.MIN_VALUE)),
        new BigDecimal("99999999999999999999999999999999999999.99999999999999999999999999999999999999"),
    };

    private static Object randomDecimal(Random r) {
        if (r.nextInt(10) == 0) return DECIMAL_EDGES[r.nextInt(DECIMAL_EDGES.length)];
        int digits = 1 + r.nextInt(r.nextBoolean() ? 6 : 45);
        StringBuilder sb = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) sb.append((char) ('0' + r.nextInt(10)));
        BigInteger unscaled = new BigInteger(sb.toString());
        if (r.nextBoolean()) unscaled = unscaled.negate();
        int scale = r.nextInt(5) == 0 ? r.nextInt(-2000, 2001) : r.nextInt(-30, 31);
        return new BigDecimal(unscaled, scale);
    }

    private static Object nearDecimal(Random r, Object v) {
        BigDecimal d = (BigDecimal) v;
        if (Math.abs(d.scale()) > 100_000) return r.nextBoolean() ? d.negate() : d; // no arithmetic at extreme scales
        return switch (r.nextInt(6)) {
            case 0 -> d.setScale(d.scale() + r.nextInt(1, 4)); // same value, more trailing zeros
            case 1 -> d.negate();
            case 2 -> d.add(BigDecimal.ONE.scaleByPowerOfTen(-d.scale() - r.nextInt(0, 3)).multiply(BigDecimal.valueOf(r.nextInt(-3, 4))));
            case 3 -> d.movePointLeft(r.nextInt(-3, 4));
            case 4 -> d.add(BigDecimal.valueOf(r.nextInt(-2, 3)));
            default -> new BigDecimal(d.unscaledValue().multiply(BigInteger.TEN).add(BigInteger.valueOf(r.nextInt(-9, 10))), d.scale() + 1);
        };
    }

    // ---- FLOAT, DOUBLE

    private static final double[] DOUBLE_EDGES = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
            Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_NORMAL, -Double.MIN_NORMAL,
            1.0, -1.0, Double.longBitsToDouble(0x7ff0000000000001L), Double.longBitsToDouble(0xfff8000000000000L)};

    private static Object randomDouble(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
            case 1 -> Double.longBitsToDouble(r.nextLong());
            case 2 -> (double) r.nextInt(-100, 101);
            default -> r.nextGaussian() * Math.pow(10, r.nextInt(-10, 11));
        };
    }

    private static Object nearDouble(Random r, Object v) {
        double d = (Double) v;
        return switch (r.nextInt(4)) {
            case 0 -> Math.nextUp(d);
            case 1 -> Math.nextDown(d);
            case 2 -> -d;
            default -> d;
        };
    }

    private static Object randomFloat(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> (float) DOUBLE_EDGES[r.nextInt(DOUBLE_EDGES.length)];
            case 1 -> Float.intBitsToFloat(r.nextInt());
            case 2 -> (float) r.nextInt(-100, 101);
            default -> (float) (r.nextGaussian() * Math.pow(10, r.nextInt(-10, 11)));
        };
    }

    private static Object nearFloat(Random r, Object v) {
        float f = (Float) v;
        return switch (r.nextInt(4)) {
            case 0 -> Math.nextUp(f);
            case 1 -> Math.nextDown(f);
            case 2 -> -f;
            default -> f;
        };
    }

    static double normalize(double d) { return d == 0.0 ? 0.0 : d; }

    static float normalize(float f) { return f == 0.0f ? 0.0f : f; }

    // ---- STRING, BYTES

    private static final int[] CODE_POINTS = {0, 0, 1, 'a', 'a', 'b', 'z', 0x7F, 0x80, 0xE9, 0x7FF, 0x800, 0xD7FF, 0xE000,
            0xFFFD, 0xFFFF, 0x10000, 0x1F600, 0x10FFFF};

    private static int randomCodePoint(Random r) {
        return switch (r.nextInt(4)) {
            case 0, 1 -> CODE_POINTS[r.nextInt(CODE_POINTS.length)];
            case 2 -> r.nextInt(0x20, 0x7F);
            default -> {
                int cp = r.nextInt(0, Character.MAX_CODE_POINT + 1);
                yield Character.getType(cp) == Character.SURROGATE ? 'x' : cp;
            }
        };
    }

    private static Object randomString(Random r) {
        int n = r.nextInt(8) == 0 ? r.nextInt(40) : r.nextInt(6);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.appendCodePoint(randomCodePoint(r));
        return sb.toString();
    }

    private static Object nearString(Random r, Object v) {
        String s = (String) v;
        int[] cps = s.codePoints().toArray();
        int n = cps.length;
        StringBuilder sb = new StringBuilder();
        switch (r.nextInt(5)) {
            case 0 -> sb.append(s).appendCodePoint(randomCodePoint(r));
            case 1 -> { for (int i = 0; i < n - 1; i++) sb.appendCodePoint(cps[i]); }
            case 2 -> {
                for (int i = 0; i < n - 1; i++) sb.appendCodePoint(cps[i]);
                sb.appendCodePoint(randomCodePoint(r));
            }
            case 3 -> {
                int at = r.nextInt(n + 1);
                for (int i = 0; i < n; i++) {
                    if (i == at) sb.append('\0');
                    sb.appendCodePoint(cps[i]);
                }
                if (at == n) sb.append('\0');
            }
            default -> sb.append(s);
        }
        return sb.toString();
    }

    private static final int[] BYTE_EDGES = {0x00, 0x00, 0xFF, 0xFF, 0x01, 0xFE, 0x7F, 0x80};

    private static int randomByte(Random r) {
        return r.nextBoolean() ? BYTE_EDGES[r.nextInt(BYTE_EDGES.length)] : r.nextInt(256);
    }

    private static Object randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(8) == 0 ? r.nextInt(40) : r.nextInt(6)];
        for (int i = 0; i < b.length; i++) b[i] = (byte) randomByte(r);
        return b;
    }

    private static Object nearBytes(Random r, Object v) {
        byte[] b = (byte[]) v;
        return switch (r.nextInt(4)) {
            case 0 -> { byte[] c = Arrays.copyOf(b, b.length + 1); c[b.length] = (byte) randomByte(r); yield c; }
            case 1 -> Arrays.copyOf(b, Math.max(0, b.length - 1));
            case 2 -> {
                byte[] c = b.clone();
                if (c.length > 0) c[c.length - 1] = (byte) randomByte(r);
                yield c;
            }
            default -> b.clone();
        };
    }

    // ---- DATE, TIME, TIMESTAMP, TIMESTAMP_TZ

    private static final long MIN_DAY = LocalDate.MIN.toEpochDay();
    private static final long MAX_DAY = LocalDate.MAX.toEpochDay();
    private static final long MIN_LDT_SECOND = LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC);
    private static final long MAX_LDT_SECOND = LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC);

    private static Object randomDate(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> LocalDate.ofEpochDay(r.nextLong(MIN_DAY, MAX_DAY + 1));
            case 1 -> r.nextBoolean() ? LocalDate.of(-9999, 1, 1) : LocalDate.of(9999, 12, 31);
            default -> LocalDate.ofEpochDay(r.nextLong(-3_700_000, 3_700_000)); // about years -8000..12000
        };
    }

    private static Object nearDate(Random r, Object v) {
        long day = ((LocalDate) v).toEpochDay() + r.nextInt(-2, 3);
        return LocalDate.ofEpochDay(Math.max(MIN_DAY, Math.min(MAX_DAY, day)));
    }

    private static Object nearTime(Random r, Object v) {
        long nanos = ((LocalTime) v).toNanoOfDay() + r.nextInt(-2, 3);
        return LocalTime.ofNanoOfDay(Math.max(0, Math.min(86_399_999_999_999L, nanos)));
    }

    private static int randomNano(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> 0;
            case 1 -> r.nextBoolean() ? 1 : 999_999_999;
            default -> r.nextInt(1_000_000_000);
        };
    }

    private static Object randomTimestamp(Random r) {
        long second = r.nextBoolean() ? r.nextLong(MIN_LDT_SECOND, MAX_LDT_SECOND + 1) : r.nextLong(-400_000_000_000L, 400_000_000_000L);
        return LocalDateTime.ofEpochSecond(second, randomNano(r), ZoneOffset.UTC);
    }

    private static Object nearTimestamp(Random r, Object v) {
        try {
            return ((LocalDateTime) v).plusNanos(r.nextInt(-2, 3));
        } catch (DateTimeException e) {
            return v;
        }
    }

    private static Object randomInstant(Random r) {
        long second = r.nextBoolean()
                ? r.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1)
                : r.nextLong(-400_000_000_000L, 400_000_000_000L);
        return Instant.ofEpochSecond(second, randomNano(r));
    }

    private static Object nearInstant(Random r, Object v) {
        try {
            return ((Instant) v).plusNanos(r.nextInt(-2, 3));
        } catch (DateTimeException | ArithmeticException e) {
            return v;
        }
    }
}
