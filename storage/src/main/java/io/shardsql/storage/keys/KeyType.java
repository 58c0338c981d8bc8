package io.shardsql.storage.keys;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The value types a key component can hold, with their tag bytes and byte layouts.
 *
 * <p>Each layout below is the ASC form: {@code | tag (1) | payload |}. In DESC form the tag is the ASC
 * tag + 1 and every payload byte is XORed with 0xFF (see {@link KeyOrder}). Sizes are in bytes;
 * multi-byte integers are big-endian. A NULL of any type is the single byte 0x01 or 0xFE.
 */
public enum KeyType {
    /**
     * BOOLEAN, {@code false < true}.
     * <pre>
     * | tag 0x10 (1) | 0x00 false, 0x01 true (1) |
     * </pre>
     */
    BOOLEAN(0x10, Boolean.class),

    /**
     * SMALLINT, INTEGER and BIGINT, all as {@code long}; fixed width (8 bytes) so that encoding is a
     * couple of shifts and the layout of a row key is predictable.
     * <pre>
     * | tag 0x12 (1) | value XOR 0x8000000000000000 (8) |
     * </pre>
     * Flipping the sign bit maps {@code Long.MIN_VALUE..Long.MAX_VALUE} onto {@code 0x00..00..0xFF..FF}.
     */
    LONG(0x12, Long.class),

    /**
     * DECIMAL / NUMERIC as {@link BigDecimal} of any precision and scale, ordered by numeric value;
     * {@code 1.0} and {@code 1.00} encode identically (the value decodes with trailing zeros stripped).
     * The value is written as {@code sign * 0.d1 d2 d3 ... dn * 10^E} with {@code d1 != 0, dn != 0}.
     * <pre>
     * zero:     | tag 0x14 | 0x02 |
     * positive: | tag 0x14 | 0x03 | E as ordered varint (1..9) | digit pairs (1 each) | 0x00 |
     * negative: | tag 0x14 | 0x01 | NOT( E as ordered varint  |  digit pairs          | 0x00 ) |
     * digit pair byte = 1 + 10*d(i) + d(i+1)  (1..100; a missing last d(i+1) is written as 0)
     * </pre>
     * Larger exponent means larger magnitude; for the same exponent the digits compare as a decimal
     * fraction, and the 0x00 terminator makes a shorter fraction ({@code 0.12}) sort below a longer
     * one ({@code 0.123}). Negative numbers invert exponent and digits so that larger magnitudes sort
     * lower. The exponent's varint is drawn in {@code OrderedVarint}.
     */
    DECIMAL(0x14, BigDecimal.class),

    /**
     * REAL as {@code float}: {@code -Inf < negatives < 0.0 = -0.0 < positives < +Inf < NaN}.
     * <pre>
     * | tag 0x16 (1) | f(floatToIntBits(v)) (4) |
     * f(bits) = bits XOR 0x80000000   if the sign bit is clear (positive, +0.0, NaN)
     *         = NOT bits              if the sign bit is set   (negative)
     * </pre>
     * -0.0 is written as +0.0 and every NaN as the canonical NaN, so both decode as such.
     */
    FLOAT(0x16, Float.class),

    /**
     * DOUBLE PRECISION as {@code double}; the same mapping as {@link #FLOAT} on 64 bits.
     * <pre>
     * | tag 0x18 (1) | f(doubleToLongBits(v)) (8) |
     * </pre>
     */
    DOUBLE(0x18, Double.class),

    /**
     * VARCHAR / CHAR / TEXT as {@link String}, UTF-8, ordered by code point (which is UTF-8 byte order;
     * note that it differs from {@link String#compareTo} for supplementary characters). Strings with an
     * unpaired surrogate cannot be encoded.
     * <pre>
     * | tag 0x1A (1) | UTF-8 with every 0x00 written as 0x00 0xFF (n..2n) | 0x00 0x01 (2) |
     * </pre>
     * UTF-8 produces 0x00 only for U+0000. The terminator 0x00 0x01 is below the escaped zero 0x00 0xFF
     * and below every other byte that can follow, so a string sorts before each of its extensions.
     */
    STRING(0x1A, String.class),

    /**
     * VARBINARY / BYTEA as {@code byte[]}, unsigned byte order; the escape scheme of {@link #STRING}.
     * <pre>
     * | tag 0x1C (1) | bytes with every 0x00 written as 0x00 0xFF (n..2n) | 0x00 0x01 (2) |
     * </pre>
     */
    BYTES(0x1C, byte[].class),

    /**
     * DATE as {@link LocalDate}, the full range of {@code LocalDate} (years -999999999..999999999).
     * <pre>
     * | tag 0x1E (1) | toEpochDay() XOR 0x8000000000000000 (8) |
     * </pre>
     */
    DATE(0x1E, LocalDate.class),

    /**
     * TIME as {@link LocalTime}, nanosecond precision.
     * <pre>
     * | tag 0x20 (1) | toNanoOfDay() (8, 0..86399999999999, never negative) |
     * </pre>
     */
    TIME(0x20, LocalTime.class),

    /**
     * TIMESTAMP (without time zone) as {@link LocalDateTime}, nanosecond precision, the full range.
     * <pre>
     * | tag 0x22 (1) | toEpochSecond(UTC) XOR 0x8000000000000000 (8) | getNano() (4, 0..999999999) |
     * </pre>
     */
    TIMESTAMP(0x22, LocalDateTime.class),

    /**
     * TIMESTAMP WITH TIME ZONE as {@link Instant}, nanosecond precision, the full range.
     * <pre>
     * | tag 0x24 (1) | getEpochSecond() XOR 0x8000000000000000 (8) | getNano() (4, 0..999999999) |
     * </pre>
     */
    TIMESTAMP_TZ(0x24, Instant.class);

    private final int ascTag;
    private final Class<?> javaType;

    KeyType(int ascTag, Class<?> javaType) {
        this.ascTag = ascTag;
        this.javaType = javaType;
    }

    /** The Java type {@link KeyReader#read} returns for this type. */
    public Class<?> javaType() { return javaType; }

    /**
     * Whether {@link KeyWriter#write} accepts {@code value} for this type: an instance of
     * {@link #javaType()}, or for {@link #LONG} also an {@code Integer}, {@code Short} or {@code Byte}.
     */
    public boolean accepts(Object value) {
        if (this == LONG) {
            return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
        }
        return javaType.isInstance(value);
    }

    /** The tag byte of a non-NULL component of this type in {@code order}. */
    int tag(KeyOrder order) { return order.isDescending() ? ascTag + 1 : ascTag; }

    /** A readable name for a tag byte, for error messages: "STRING DESC", "NULL (NULLS LAST)", "unknown". */
    static String describeTag(int tag) {
        if (tag == KeyOrder.NULL_FIRST_TAG) return "NULL (NULLS FIRST)";
        if (tag == KeyOrder.NULL_LAST_TAG) return "NULL (NULLS LAST)";
        for (KeyType t : values()) {
            if (tag == t.ascTag) return t + " ASC";
            if (tag == t.ascTag + 1) return t + " DESC";
        }
        return "unknown tag";
    }
}
