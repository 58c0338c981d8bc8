package io.shardsql.storage.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hand-picked values per type, listed in SQL order: their keys must be strictly increasing for ASC
 * orders and strictly decreasing for DESC orders, and each must read back. Plus values that must encode
 * identically (1.0 and 1.00, -0.0 and 0.0, NaNs).
 */
class KeyEdgeCaseTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void longs() {
        assertSqlOrder(KeyType.LONG, Long.MIN_VALUE, Long.MIN_VALUE + 1, -4294967296L, -256L, -1L, 0L, 1L, 255L, 256L,
                4294967296L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    }

    @Test
    void decimalsOrderByNumericValueAcrossScalesAndMagnitudes() {
        assertSqlOrder(KeyType.DECIMAL,
                new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1).negate(), // -1E+2147483647
                new BigDecimal("-1E+30"),
                new BigDecimal("-123456789012345678901234567890.5"),
                new BigDecimal("-2"),
                new BigDecimal("-1.5"),
                new BigDecimal("-1.0000000000000000000000000000001"),
                new BigDecimal("-1"),
                new BigDecimal("-0.12"),
                new BigDecimal("-0.001"),
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE).negate(), // -1E-2147483647
                BigDecimal.ZERO,
                new BigDecimal(BigInteger.ONE, Integer.MAX_VALUE), // 1E-2147483647
                new BigDecimal("1E-1000"),
                new BigDecimal("0.001"),
                new BigDecimal("0.0010000000000000000000000001"),
                new BigDecimal("0.1"),
                new BigDecimal("0.10000000000000000001"),
                new BigDecimal("0.12"),
                new BigDecimal("0.123"),
                new BigDecimal("0.99999999999999999999999999999999999999"),
                BigDecimal.ONE,
                new BigDecimal("1.0000000000000000000000000000001"),
                new BigDecimal("1.5"),
                new BigDecimal("2"),
                new BigDecimal("9.999"),
                BigDecimal.TEN,
                new BigDecimal("11"),
                new BigDecimal("99"),
                new BigDecimal("100"),
                new BigDecimal("101"),
                new BigDecimal(Long.MAX_VALUE),
                new BigDecimal("9223372036854775808"),
                new BigDecimal("1E+30"),
                new BigDecimal(BigInteger.ONE, Integer.MIN_VALUE + 1)); // 1E+2147483647
    }

    @Test
    void decimalsEqualInValueEncodeIdenticallyAndReadBackNormalized() {
        assertSameKey(KeyType.DECIMAL, new BigDecimal("1"), new BigDecimal("1.0"), new BigDecimal("1.00"), new BigDecimal("0.1E1"));
        assertSameKey(KeyType.DECIMAL, BigDecimal.ZERO, new BigDecimal("0.000"), new BigDecimal("0E+10"));
        assertSameKey(KeyType.DECIMAL, new BigDecimal("-1500"), new BigDecimal("-1.5E3"), new BigDecimal("-1500.000"));
        BigDecimal back = (BigDecimal) readOne(KeyType.DECIMAL, KeyOrder.DESC, new BigDecimal("-12.3400"));
        assertThat(back).isEqualTo(new BigDecimal("-12.34")); // equals checks the scale too
        BigDecimal manyDigits = new BigDecimal("-" + "1234567890".repeat(30) + "." + "0987654321".repeat(30));
        assertThat(readOne(KeyType.DECIMAL, KeyOrder.ASC, manyDigits)).isEqualTo(manyDigits);
    }

    @Test
    void doubles() {
        assertSqlOrder(KeyType.DOUBLE, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e300, -1.5, -1.0, -Double.MIN_NORMAL,
                -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, Double.MIN_NORMAL, 1.0, Math.nextUp(1.0), 1.5, 1e300,
                Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN);
        assertSameKey(KeyType.DOUBLE, 0.0, -0.0);
        assertSameKey(KeyType.DOUBLE, Double.NaN, Double.longBitsToDouble(0x7ff0000000000001L),
                Double.longBitsToDouble(0xfff8000000000000L), Double.longBitsToDouble(0xffffffffffffffffL));
        assertThat(Double.doubleToRawLongBits((Double) readOne(KeyType.DOUBLE, KeyOrder.DESC, -0.0))).isZero();
        assertThat((Double) readOne(KeyType.DOUBLE, KeyOrder.ASC, Double.NaN)).isNaN();
    }

    @Test
    void floats() {
        assertSqlOrder(KeyType.FLOAT, Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -1.5f, -Float.MIN_VALUE, 0.0f,
                Float.MIN_VALUE, Float.MIN_NORMAL, 1.0f, Math.nextUp(1.0f), Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NaN);
        assertSameKey(KeyType.FLOAT, 0.0f, -0.0f);
        assertSameKey(KeyType.FLOAT, Float.NaN, Float.intBitsToFloat(0x7f800001), Float.intBitsToFloat(0xffc00000));
    }

    @Test
    void stringsInCodePointOrderWithZerosAndSupplementaryCharacters() {
        assertSqlOrder(KeyType.STRING, "", "\0", "\0\0", "\0\u0001", "\0a", "\u0001", "a", "a\0", "a\0\0", "a\0b", "a\u0001",
                "aa", "ab", "b", "\u007F", "\u0080", "\u00E9", "\u07FF", "\u0800", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF",
                "\uFFFF\0", "\uD800\uDC00", "\uD83D\uDE00", "\uDBFF\uDFFF", "\uDBFF\uDFFF\uDBFF\uDFFF");
        String long1 = "x".repeat(10_000) + "\0" + "\uD83D\uDE00".repeat(1000);
        assertThat(readOne(KeyType.STRING, KeyOrder.DESC, long1)).isEqualTo(long1);
        assertThat(readOne(KeyType.STRING, KeyOrder.ASC, long1)).isEqualTo(long1);
    }

    @Test
    void bytesWithRunsOfZeroAndFf() {
        assertSqlOrder(KeyType.BYTES, bytes(), bytes(0), bytes(0, 0), bytes(0, 0, 0), bytes(0, 1), bytes(0, 0xFF), bytes(1),
                bytes(0x7F), bytes(0x80), bytes(0xFE, 0xFF), bytes(0xFF), bytes(0xFF, 0), bytes(0xFF, 0, 0), bytes(0xFF, 1),
                bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
        byte[] runs = new byte[600];
        Arrays.fill(runs, 0, 200, (byte) 0);
        Arrays.fill(runs, 200, 400, (byte) 0xFF);
        assertThat((byte[]) readOne(KeyType.BYTES, KeyOrder.DESC, runs)).isEqualTo(runs);
    }

    @Test
    void booleans() {
        assertSqlOrder(KeyType.BOOLEAN, false, true);
    }

    @Test
    void datesFromFarPastToFarFuture() {
        assertSqlOrder(KeyType.DATE, LocalDate.MIN, LocalDate.of(-9999, 1, 1), LocalDate.of(-1, 12, 31), LocalDate.of(0, 1, 1),
                LocalDate.of(1, 1, 1), LocalDate.of(1969, 12, 31), LocalDate.of(1970, 1, 1), LocalDate.of(2024, 2, 29),
                LocalDate.of(9999, 12, 31), LocalDate.MAX);
    }

    @Test
    void timesWithNanoseconds() {
        assertSqlOrder(KeyType.TIME, LocalTime.MIDNIGHT, LocalTime.ofNanoOfDay(1), LocalTime.of(0, 0, 1), LocalTime.NOON,
                LocalTime.of(23, 59, 59, 999_999_998), LocalTime.MAX);
    }

    @Test
    void timestampsBeforeAndAfter1970WithNanoseconds() {
        assertSqlOrder(KeyType.TIMESTAMP, LocalDateTime.MIN, LocalDateTime.of(-9999, 1, 1, 0, 0),
                LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.of(1970, 1, 1, 0, 0),
                LocalDateTime.of(1970, 1, 1, 0, 0, 0, 1), LocalDateTime.of(1970, 1, 1, 0, 0, 1),
                LocalDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999), LocalDateTime.MAX);
        assertSqlOrder(KeyType.TIMESTAMP_TZ, Instant.MIN, Instant.EPOCH.minusNanos(1), Instant.EPOCH, Instant.EPOCH.plusNanos(1),
                Instant.parse("2024-06-01T12:00:00.123456789Z"), Instant.MAX);
    }

    /** Checks keys of {@code values} (given in SQL order, no two equal) in all four orders, and that each reads back. */
    private static void assertSqlOrder(KeyType type, Object... values) {
        ValueDomain domain = ValueDomains.of(type);
        for (KeyOrder order : KeyOrder.values()) {
            List<byte[]> keys = Arrays.stream(values).map(v -> key(type, v, order)).toList();
            for (int i = 1; i < keys.size(); i++) {
                int sign = Integer.signum(Arrays.compareUnsigned(keys.get(i - 1), keys.get(i)));
                Object prev = values[i - 1];
                Object cur = values[i];
                assertThat(sign).as("%s %s: key of %s [%s] vs key of %s [%s]", type, order, ValueDomains.show(prev),
                        HEX.formatHex(keys.get(i - 1)), ValueDomains.show(cur), HEX.formatHex(keys.get(i)))
                        .isEqualTo(order.isDescending() ? 1 : -1);
            }
            for (Object v : values) {
                Object back = readOne(type, order, v);
                assertThat(domain.sqlOrder().compare(back, v)).as("%s %s read back %s as %s", type, order,
                        ValueDomains.show(v), ValueDomains.show(back)).isZero();
            }
        }
    }

    private static void assertSameKey(KeyType type, Object... values) {
        for (KeyOrder order : KeyOrder.values()) {
            byte[] first = key(type, values[0], order);
            for (Object v : values) {
                assertThat(HEX.formatHex(key(type, v, order))).as("%s %s key of %s", type, order, ValueDomains.show(v))
                        .isEqualTo(HEX.formatHex(first));
            }
        }
    }

    static byte[] key(KeyType type, Object value, KeyOrder order) {
        return new KeyWriter().write(type, value, order).toByteArray();
    }

    static Object readOne(KeyType type, KeyOrder order, Object value) {
        KeyReader reader = new KeyReader(key(type, value, order));
        Object back = reader.read(type, order);
        reader.expectEnd();
        return back;
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) b[i] = (byte) values[i];
        return b;
    }
}
