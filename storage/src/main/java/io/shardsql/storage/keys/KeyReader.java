package io.shardsql.storage.keys;

import io.shardsql.common.ShardSqlException;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Walks a key written by {@link KeyWriter}, one component at a time. The caller knows the schema and
 * says which type and {@link KeyOrder} comes next; each component's tag is checked against it.
 *
 * <pre>{@code
 * KeyReader r = new KeyReader(rowKey);
 * int tableId = r.readId();
 * String name = r.readNull(KeyOrder.ASC) ? null : r.readString(KeyOrder.ASC);
 * long n = r.readLong(KeyOrder.DESC);
 * r.expectEnd();
 * }</pre>
 *
 * <p>Typed reads ({@code readLong}, ...) require a value: check {@link #readNull(KeyOrder)} first for
 * nullable components, or use {@link #read(KeyType, KeyOrder)}, which returns {@code null} for NULL.
 * Every problem with the input (a truncated key, a tag of another type or order, an invalid payload)
 * throws {@code ShardSqlException} with code {@code KEY_ENCODING} and a message that names the
 * component, the byte position and the key. Not thread-safe.
 */
public final class KeyReader {
    private static final long SIGN_BIT = Long.MIN_VALUE;
    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final int NANOS_PER_SECOND = 1_000_000_000;
    private static final long MIN_EPOCH_DAY = LocalDate.MIN.toEpochDay();
    private static final long MAX_EPOCH_DAY = LocalDate.MAX.toEpochDay();

    private final ByteCursor in;
    /** Components consumed so far (values and NULLs, not the id). */
    private int components;
    private CharsetDecoder utf8;
    private byte[] scratch;

    public KeyReader(byte[] key) {
        this(Objects.requireNonNull(key, "key"), 0, key.length);
    }

    /** Reads the key in {@code key[offset, offset + length)}. */
    public KeyReader(byte[] key, int offset, int length) {
        in = new ByteCursor(key, offset, length);
    }

    /** Index in the array of the next byte to read. */
    public int position() { return in.position(); }

    public boolean hasRemaining() { return in.remaining() > 0; }

    /** Checks that the whole key has been read. */
    public void expectEnd() {
        if (in.remaining() > 0) {
            in.describeAs("the end of the key");
            throw in.malformed(in.remaining() + " byte(s) left after the last expected component");
        }
    }

    /** Reads the 4-byte id written by {@link KeyWriter#writeId(int)}. */
    public int readId() {
        in.describeAs("the 4-byte id");
        return in.nextInt(0);
    }

    /**
     * Consumes the next component if it is a NULL in {@code order} and returns {@code true}; returns
     * {@code false}, consuming nothing, if it is not NULL.
     *
     * @throws ShardSqlException {@code KEY_ENCODING} if the key ends here, or the component is a NULL
     *     placed for the opposite NULLS FIRST / NULLS LAST
     */
    public boolean readNull(KeyOrder order) {
        in.beginComponent(components + 1, null, order);
        int tag = in.peek();
        if (tag == order.nullTag()) {
            in.skip(1);
            components++;
            return true;
        }
        if (tag == KeyOrder.NULL_FIRST_TAG || tag == KeyOrder.NULL_LAST_TAG) {
            throw in.malformed("found " + KeyType.describeTag(tag) + " but the component sorts NULLS "
                    + (order.nullsFirst() ? "FIRST" : "LAST"));
        }
        return false;
    }

    public boolean readBoolean(KeyOrder order) {
        int mask = enter(KeyType.BOOLEAN, order);
        int b = in.next(mask);
        if (b > 1) throw in.malformedAt(in.position() - 1,
                String.format("boolean byte is 0x%02X, expected 0x00 or 0x01", b));
        return b == 1;
    }

    public long readLong(KeyOrder order) {
        int mask = enter(KeyType.LONG, order);
        return in.nextLong(mask) ^ SIGN_BIT;
    }

    public float readFloat(KeyOrder order) {
        int mask = enter(KeyType.FLOAT, order);
        return OrderedFloats.decodeFloat(in.nextInt(mask));
    }

    public double readDouble(KeyOrder order) {
        int mask = enter(KeyType.DOUBLE, order);
        return OrderedFloats.decodeDouble(in.nextLong(mask));
    }

    /** The decimal with trailing zeros stripped ({@code 1.50} reads back as {@code 1.5}; zero as {@code 0}). */
    public BigDecimal readDecimal(KeyOrder order) {
        int mask = enter(KeyType.DECIMAL, order);
        return DecimalCodec.read(in, mask);
    }

    public String readString(KeyOrder order) {
        int mask = enter(KeyType.STRING, order);
        int from = in.position();
        int length = EscapedBytes.skip(in, mask);
        int to = in.position() - 2;
        if (utf8 == null) utf8 = Utf8Strings.newStrictDecoder();
        try {
            if (mask == 0 && length == to - from) return Utf8Strings.decode(in.array(), from, length, utf8);
            byte[] content = scratch(length);
            EscapedBytes.unescape(in.array(), from, to, mask, content);
            return Utf8Strings.decode(content, 0, length, utf8);
        } catch (CharacterCodingException e) {
            throw in.malformedAt(from, "string is not valid UTF-8 (" + e.getMessage() + ")");
        }
    }

    public byte[] readBytes(KeyOrder order) {
        int mask = enter(KeyType.BYTES, order);
        int from = in.position();
        byte[] content = new byte[EscapedBytes.skip(in, mask)];
        EscapedBytes.unescape(in.array(), from, in.position() - 2, mask, content);
        return content;
    }

    public LocalDate readDate(KeyOrder order) {
        int mask = enter(KeyType.DATE, order);
        long epochDay = in.nextLong(mask) ^ SIGN_BIT;
        if (epochDay < MIN_EPOCH_DAY || epochDay > MAX_EPOCH_DAY) {
            throw in.malformedAt(in.position() - 8, "epoch day " + epochDay + " is outside the LocalDate range");
        }
        return LocalDate.ofEpochDay(epochDay);
    }

    public LocalTime readTime(KeyOrder order) {
        int mask = enter(KeyType.TIME, order);
        long nanoOfDay = in.nextLong(mask);
        if (nanoOfDay < 0 || nanoOfDay >= NANOS_PER_DAY) {
            throw in.malformedAt(in.position() - 8, "nano of day " + nanoOfDay + " is outside 0.."
                    + (NANOS_PER_DAY - 1));
        }
        return LocalTime.ofNanoOfDay(nanoOfDay);
    }

    public LocalDateTime readTimestamp(KeyOrder order) {
        int mask = enter(KeyType.TIMESTAMP, order);
        long epochSecond = in.nextLong(mask) ^ SIGN_BIT;
        int nano = readNano(mask);
        try {
            return LocalDateTime.ofEpochSecond(epochSecond, nano, ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            throw in.malformedAt(in.position() - 12, "epoch second " + epochSecond
                    + " is outside the LocalDateTime range");
        }
    }

    public Instant readTimestampTz(KeyOrder order) {
        int mask = enter(KeyType.TIMESTAMP_TZ, order);
        long epochSecond = in.nextLong(mask) ^ SIGN_BIT;
        int nano = readNano(mask);
        try {
            return Instant.ofEpochSecond(epochSecond, nano);
        } catch (DateTimeException | ArithmeticException e) {
            throw in.malformedAt(in.position() - 12, "epoch second " + epochSecond + " is outside the Instant range");
        }
    }

    /**
     * Reads the next component of {@code type} as its {@linkplain KeyType#javaType() Java type}, or
     * {@code null} if it is NULL.
     */
    public Object read(KeyType type, KeyOrder order) {
        if (readNull(order)) return null;
        return switch (type) {
            case BOOLEAN -> readBoolean(order);
            case LONG -> readLong(order);
            case DECIMAL -> readDecimal(order);
            case FLOAT -> readFloat(order);
            case DOUBLE -> readDouble(order);
            case STRING -> readString(order);
            case BYTES -> readBytes(order);
            case DATE -> readDate(order);
            case TIME -> readTime(order);
            case TIMESTAMP -> readTimestamp(order);
            case TIMESTAMP_TZ -> readTimestampTz(order);
        };
    }

    /** Moves past the next component of {@code type} (or a NULL) without building its value where that is cheap. */
    public void skip(KeyType type, KeyOrder order) {
        if (readNull(order)) return;
        if (type == KeyType.STRING || type == KeyType.BYTES) {
            EscapedBytes.skip(in, enter(type, order));
        } else {
            read(type, order);
        }
    }

    /** Reads and checks the tag of a non-NULL component; returns the payload mask. */
    private int enter(KeyType type, KeyOrder order) {
        in.beginComponent(components + 1, type, order);
        int tag = in.peek();
        if (tag != type.tag(order)) {
            if (tag == order.nullTag()) {
                throw in.malformed("found NULL where a value was required (check readNull first, or use read)");
            }
            throw in.malformed(String.format("expected tag 0x%02X (%s %s) but found 0x%02X (%s)",
                    type.tag(order), type, order.isDescending() ? "DESC" : "ASC", tag, KeyType.describeTag(tag)));
        }
        in.skip(1);
        components++;
        return order.payloadMask();
    }

    private int readNano(int mask) {
        int nano = in.nextInt(mask);
        if (nano < 0 || nano >= NANOS_PER_SECOND) {
            throw in.malformedAt(in.position() - 4, "nanosecond field " + Integer.toUnsignedString(nano)
                    + " is not below 10^9");
        }
        return nano;
    }

    private byte[] scratch(int length) {
        if (scratch == null || scratch.length < length) scratch = new byte[Math.max(length, 64)];
        return scratch;
    }
}
