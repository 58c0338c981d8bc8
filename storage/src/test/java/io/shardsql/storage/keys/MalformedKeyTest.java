package io.shardsql.storage.keys;

import static io.shardsql.storage.keys.KeyEdgeCaseTest.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.function.Consumer;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Wrong, truncated and random input: always {@code ShardSqlException(KEY_ENCODING)} with a message
 * that says what is wrong, never an index or arithmetic exception.
 */
class MalformedKeyTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void emptyAndTruncatedKeys() {
        assertMalformed(r -> r.readLong(KeyOrder.ASC), "", "key ends too early", "component #1 (LONG ASC)");
        assertMalformed(r -> r.readLong(KeyOrder.ASC), "12" + "800000", "key ends too early (8 more byte(s) needed, 3 left)");
        assertMalformed(r -> r.readNull(KeyOrder.ASC), "", "key ends too early");
        assertMalformed(KeyReader::readId, "000007", "the 4-byte id");
        assertMalformed(r -> r.readTimestamp(KeyOrder.ASC), "22" + "8000000000000000" + "0000", "key ends too early");
        assertMalformed(r -> r.readString(KeyOrder.ASC), "1a" + "6162", "key ends too early");
        assertMalformed(r -> r.readString(KeyOrder.ASC), "1a" + "6100", "key ends too early");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "81" + "10", "key ends too early");
    }

    @Test
    void componentOfAnotherTypeOrDirection() {
        byte[] stringAsc = new KeyWriter().writeString("x", KeyOrder.ASC).toByteArray();
        assertMalformed(r -> r.readLong(KeyOrder.ASC), stringAsc, "expected tag 0x12 (LONG ASC) but found 0x1A (STRING ASC)");
        assertMalformed(r -> r.readString(KeyOrder.DESC), stringAsc, "expected tag 0x1B (STRING DESC) but found 0x1A (STRING ASC)");
        assertMalformed(r -> r.read(KeyType.DATE, KeyOrder.ASC), "77" + "00", "found 0x77 (unknown tag)");
    }

    @Test
    void nullWhereAValueIsRequiredOrNullOfTheOtherPlacement() {
        byte[] nullLast = new KeyWriter().writeNull(KeyOrder.ASC).toByteArray();
        assertMalformed(r -> r.readLong(KeyOrder.ASC), nullLast, "found NULL where a value was required");
        assertMalformed(r -> r.readNull(KeyOrder.ASC_NULLS_FIRST), nullLast, "found NULL (NULLS LAST) but the component sorts NULLS FIRST");
        assertMalformed(r -> r.read(KeyType.LONG, KeyOrder.DESC), nullLast, "NULLS LAST");
        assertThat(new KeyReader(nullLast).read(KeyType.LONG, KeyOrder.DESC_NULLS_LAST)).isNull();
    }

    @Test
    void invalidStringAndBytesPayloads() {
        assertMalformed(r -> r.readBytes(KeyOrder.ASC), "1c" + "61" + "0005" + "0001", "byte 0x00 followed by 0x05");
        assertMalformed(r -> r.readString(KeyOrder.ASC), "1a" + "c328" + "0001", "not valid UTF-8");
        assertMalformed(r -> r.readString(KeyOrder.ASC), "1a" + "c080" + "0001", "not valid UTF-8"); // overlong U+0000
        assertMalformed(r -> r.readString(KeyOrder.ASC), "1a" + "eda080" + "0001", "not valid UTF-8"); // a surrogate
        assertMalformed(r -> r.readString(KeyOrder.DESC), "1b" + "3cd7" + "fffe", "not valid UTF-8"); // NOT(c3 28)
    }

    @Test
    void invalidDecimalPayloads() {
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "04", "decimal sign byte is 0x04");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "81" + "00", "decimal has no digits");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "81" + "02" + "00", "decimal digits start with 0");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "81" + "0c" + "01" + "00", "decimal digits end with 0");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "81" + "65" + "00", "decimal digit byte 0x65");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "f9" + "0005" + "0c" + "00", "shortest form");
        assertMalformed(r -> r.readDecimal(KeyOrder.ASC), "14" + "03" + "fe" + "7fffffffffff" + "0c" + "00", "exponent");
    }

    @Test
    void outOfRangeFixedWidthPayloads() {
        assertMalformed(r -> r.readBoolean(KeyOrder.ASC), "10" + "02", "boolean byte is 0x02");
        assertMalformed(r -> r.readDate(KeyOrder.ASC), "1e" + "ffffffffffffffff", "outside the LocalDate range");
        assertMalformed(r -> r.readTime(KeyOrder.ASC), "20" + "0000" + HEX.toHexDigits(86_400_000_000_000L).substring(4),
                "nano of day 86400000000000");
        assertMalformed(r -> r.readTime(KeyOrder.ASC), "20" + "8000000000000000", "nano of day -");
        assertMalformed(r -> r.readTimestamp(KeyOrder.ASC), "22" + "8000000000000000" + "3b9aca00", "nanosecond field 1000000000");
        assertMalformed(r -> r.readTimestamp(KeyOrder.ASC), "22" + "ffffffffffffffff" + "00000000", "outside the LocalDateTime range");
        assertMalformed(r -> r.readTimestampTz(KeyOrder.ASC), "24" + "0000000000000000" + "00000000", "outside the Instant range");
    }

    @Test
    void trailingBytesAndReadsPastASlice() {
        byte[] key = new KeyWriter().writeLong(5, KeyOrder.ASC).writeLong(6, KeyOrder.ASC).toByteArray();
        KeyReader full = new KeyReader(key);
        assertThat(full.readLong(KeyOrder.ASC)).isEqualTo(5);
        assertThatThrownBy(full::expectEnd).isInstanceOf(ShardSqlException.class).hasMessageContaining("9 byte(s) left");

        KeyReader slice = new KeyReader(key, 0, 9);
        assertThat(slice.readLong(KeyOrder.ASC)).isEqualTo(5);
        slice.expectEnd();
        assertThatThrownBy(() -> slice.readLong(KeyOrder.ASC)).isInstanceOf(ShardSqlException.class).hasMessageContaining("ends too early");
        KeyReader offset = new KeyReader(key, 9, 9);
        assertThat(offset.readLong(KeyOrder.ASC)).isEqualTo(6);
        assertThatThrownBy(() -> new KeyReader(key, 10, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void writerRejectsUnencodableValuesAndKeepsWhatItHad() {
        KeyWriter w = new KeyWriter().writeLong(1, KeyOrder.ASC);
        assertThatThrownBy(() -> w.writeString("ab\uD800c", KeyOrder.ASC)).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING)).hasMessageContaining("unpaired surrogate U+D800 at index 2");
        assertThatThrownBy(() -> w.writeString("\uDC00", KeyOrder.DESC)).hasMessageContaining("unpaired surrogate U+DC00");
        assertThatThrownBy(() -> w.write(KeyType.DATE, "2024-01-01", KeyOrder.ASC)).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING)).hasMessageContaining("DATE key component needs a LocalDate");
        assertThatThrownBy(() -> w.writeDecimal(new BigDecimal(BigInteger.TEN, Integer.MIN_VALUE), KeyOrder.ASC))
                .isInstanceOf(ShardSqlException.class).hasMessageContaining("decimal cannot be encoded");
        assertThat(w.toByteArray()).isEqualTo(new KeyWriter().writeLong(1, KeyOrder.ASC).toByteArray());
        assertThat(new KeyReader(w.write(KeyType.LONG, 7, KeyOrder.ASC).toByteArray()).read(KeyType.LONG, KeyOrder.ASC)).isEqualTo(1L);
    }

    @Test
    void everyStrictPrefixOfAValidKeyIsRejected() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        KeyWriter writer = new KeyWriter();
        for (int i = 0; i < 400; i++) {
            int columns = 1 + r.nextInt(3);
            ValueDomain[] domains = new ValueDomain[columns];
            KeyOrder[] orders = new KeyOrder[columns];
            Object[] row = new Object[columns];
            for (int c = 0; c < columns; c++) {
                domains[c] = ValueDomains.of(KeyType.values()[r.nextInt(KeyType.values().length)]);
                orders[c] = KeyOrder.values()[r.nextInt(4)];
                row[c] = domains[c].randomOrNull(r, 8);
            }
            byte[] key = KeyPropertyTest.encodeRow(writer, 1, domains, orders, row);
            for (int len = 0; len < key.length; len++) {
                KeyReader reader = new KeyReader(key, 0, len);
                int cut = len;
                assertThatThrownBy(() -> {
                    reader.readId();
                    for (int c = 0; c < columns; c++) reader.read(domains[c].type(), orders[c]);
                    reader.expectEnd();
                }).as("%s: prefix of %d bytes of %s", Seeds.describe(seed), cut, HEX.formatHex(key))
                        .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING));
            }
        }
    }

    /**
     * Random bytes (often behind a valid tag) read as each type: either a KEY_ENCODING error, or a
     * value whose encoding is exactly the bytes consumed (decoding accepts only canonical encodings;
     * floats excepted, where any bit pattern is some float).
     */
    @Test
    void randomBytesAreRejectedCleanlyOrReadCanonically() {
        long seed = Seeds.next();
        Random r = new Random(seed);
        int[] interesting = {0x00, 0x01, 0xFE, 0xFF, 0x80, 0x7F, 0x03, 0x0B, 0x64, 0x65};
        for (int i = 0; i < 20_000; i++) {
            KeyType type = KeyType.values()[r.nextInt(KeyType.values().length)];
            KeyOrder order = KeyOrder.values()[r.nextInt(4)];
            byte[] garbage = new byte[r.nextInt(16)];
            for (int j = 0; j < garbage.length; j++) garbage[j] = (byte) (r.nextBoolean() ? interesting[r.nextInt(interesting.length)] : r.nextInt(256));
            if (garbage.length > 0 && r.nextInt(4) > 0) garbage[0] = (byte) type.tag(order);
            KeyReader reader = new KeyReader(garbage);
            Object value;
            try {
                value = reader.read(type, order);
            } catch (ShardSqlException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING);
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError(Seeds.describe(seed) + ": " + type + " " + order + " on " + HEX.formatHex(garbage), e);
            }
            if (type == KeyType.FLOAT || type == KeyType.DOUBLE) continue;
            byte[] consumed = Arrays.copyOf(garbage, reader.position());
            byte[] again = new KeyWriter().write(type, value, order).toByteArray();
            if (!Arrays.equals(consumed, again)) {
                fail("%s: %s %s read %s from %s, which encodes as %s", Seeds.describe(seed), type, order,
                        ValueDomains.show(value), HEX.formatHex(consumed), HEX.formatHex(again));
            }
        }
    }

    private static void assertMalformed(Consumer<KeyReader> read, String hex, String... messageParts) {
        assertMalformed(read, HEX.parseHex(hex), messageParts);
    }

    private static void assertMalformed(Consumer<KeyReader> read, byte[] key, String... messageParts) {
        ThrowingCallable call = () -> read.accept(new KeyReader(key));
        assertThatThrownBy(call).as("reading %s", HEX.formatHex(key))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.KEY_ENCODING);
                    assertThat(e.getMessage()).startsWith("Malformed key: ").contains(messageParts).contains("key=" + HEX.formatHex(key));
                });
    }
}
