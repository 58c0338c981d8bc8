package io.shardsql.storage.keys;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Builds one key by appending components in order, each written so that unsigned byte order of whole
 * keys is the SQL order of their component tuples. The layouts are drawn on {@link KeyType}; the
 * framing (tags, NULL, DESC) in the package documentation.
 *
 * <pre>{@code
 * byte[] rowKey = new KeyWriter()
 *         .writeId(tableId)
 *         .writeString("alice", KeyOrder.ASC)
 *         .writeLong(42, KeyOrder.DESC)
 *         .toByteArray();
 * }</pre>
 *
 * <p>The writer owns a growable buffer; {@link #reset()} empties it so one writer can encode many keys
 * without allocating a new buffer. Reference-typed values may be {@code null}, which writes a NULL
 * component. Not thread-safe.
 */
public final class KeyWriter {
    private static final int DEFAULT_CAPACITY = 64;
    private static final long SIGN_BIT = Long.MIN_VALUE;

    private final GrowableBytes out;

    public KeyWriter() {
        this(DEFAULT_CAPACITY);
    }

    public KeyWriter(int initialCapacity) {
        out = new GrowableBytes(initialCapacity);
    }

    /**
     * Appends a table or index id as 4 raw bytes, unsigned big-endian, with no tag:
     * {@code | id (4) |}. Meant for the start of a key, where every key of a table or index shares it
     * (ids compare as unsigned 32-bit numbers). Read back with {@link KeyReader#readId()}.
     */
    public KeyWriter writeId(int id) {
        out.putInt(id);
        return this;
    }

    /** Appends a NULL component: {@code | 0x01 |} if {@code order} sorts NULLs first, else {@code | 0xFE |}. */
    public KeyWriter writeNull(KeyOrder order) {
        out.put(order.nullTag());
        return this;
    }

    /** Appends a {@link KeyType#BOOLEAN} component. */
    public KeyWriter writeBoolean(boolean value, KeyOrder order) {
        out.put(KeyType.BOOLEAN.tag(order));
        out.put((value ? 1 : 0) ^ order.payloadMask());
        return this;
    }

    /** Appends a {@link KeyType#LONG} component (SMALLINT, INTEGER, BIGINT). */
    public KeyWriter writeLong(long value, KeyOrder order) {
        out.put(KeyType.LONG.tag(order));
        putLong(value ^ SIGN_BIT, order);
        return this;
    }

    /** Appends a {@link KeyType#FLOAT} component (REAL). */
    public KeyWriter writeFloat(float value, KeyOrder order) {
        out.put(KeyType.FLOAT.tag(order));
        int encoded = OrderedFloats.encodeFloat(value);
        out.putInt(order.isDescending() ? ~encoded : encoded);
        return this;
    }

    /** Appends a {@link KeyType#DOUBLE} component (DOUBLE PRECISION). */
    public KeyWriter writeDouble(double value, KeyOrder order) {
        out.put(KeyType.DOUBLE.tag(order));
        putLong(OrderedFloats.encodeDouble(value), order);
        return this;
    }

    /**
     * Appends a {@link KeyType#DECIMAL} component, or NULL if {@code value} is null.
     *
     * @throws ShardSqlException {@code KEY_ENCODING} if the value's scale is so close to
     *     {@code Integer.MIN_VALUE} that it has no normalized form
     */
    public KeyWriter writeDecimal(BigDecimal value, KeyOrder order) {
        if (value == null) return writeNull(order);
        int start = beginPayload(KeyType.DECIMAL, order);
        try {
            DecimalCodec.write(value, out);
        } catch (ArithmeticException e) {
            out.truncate(start - 1);
            throw new ShardSqlException(ErrorCode.KEY_ENCODING, "decimal cannot be encoded: " + e.getMessage(), e);
        }
        endPayload(start, order);
        return this;
    }

    /**
     * Appends a {@link KeyType#STRING} component, or NULL if {@code value} is null.
     *
     * @throws ShardSqlException {@code KEY_ENCODING} if the string has an unpaired surrogate
     */
    public KeyWriter writeString(String value, KeyOrder order) {
        if (value == null) return writeNull(order);
        int start = beginPayload(KeyType.STRING, order);
        try {
            Utf8Strings.writeEscaped(value, out);
        } catch (ShardSqlException e) {
            out.truncate(start - 1);
            throw e;
        }
        endPayload(start, order);
        return this;
    }

    /** Appends a {@link KeyType#BYTES} component, or NULL if {@code value} is null. */
    public KeyWriter writeBytes(byte[] value, KeyOrder order) {
        if (value == null) return writeNull(order);
        int start = beginPayload(KeyType.BYTES, order);
        EscapedBytes.write(value, out);
        endPayload(start, order);
        return this;
    }

    /** Appends a {@link KeyType#DATE} component, or NULL if {@code value} is null. */
    public KeyWriter writeDate(LocalDate value, KeyOrder order) {
        if (value == null) return writeNull(order);
        out.put(KeyType.DATE.tag(order));
        putLong(value.toEpochDay() ^ SIGN_BIT, order);
        return this;
    }

    /** Appends a {@link KeyType#TIME} component, or NULL if {@code value} is null. */
    public KeyWriter writeTime(LocalTime value, KeyOrder order) {
        if (value == null) return writeNull(order);
        out.put(KeyType.TIME.tag(order));
        putLong(value.toNanoOfDay(), order);
        return this;
    }

    /** Appends a {@link KeyType#TIMESTAMP} component, or NULL if {@code value} is null. */
    public KeyWriter writeTimestamp(LocalDateTime value, KeyOrder order) {
        if (value == null) return writeNull(order);
        out.put(KeyType.TIMESTAMP.tag(order));
        putSecondsAndNanos(value.toEpochSecond(ZoneOffset.UTC), value.getNano(), order);
        return this;
    }

    /** Appends a {@link KeyType#TIMESTAMP_TZ} component, or NULL if {@code value} is null. */
    public KeyWriter writeTimestampTz(Instant value, KeyOrder order) {
        if (value == null) return writeNull(order);
        out.put(KeyType.TIMESTAMP_TZ.tag(order));
        putSecondsAndNanos(value.getEpochSecond(), value.getNano(), order);
        return this;
    }

    /**
     * Appends a component of {@code type} holding {@code value} (NULL if it is null), for callers that
     * work from a schema. {@code value} must be {@linkplain KeyType#accepts accepted} by the type.
     *
     * @throws ShardSqlException {@code KEY_ENCODING} if the value has the wrong Java type
     */
    public KeyWriter write(KeyType type, Object value, KeyOrder order) {
        Objects.requireNonNull(type, "type");
        if (value == null) return writeNull(order);
        if (!type.accepts(value)) {
            throw new ShardSqlException(ErrorCode.KEY_ENCODING, "a " + type + " key component needs a "
                    + type.javaType().getSimpleName() + ", got a " + value.getClass().getName());
        }
        return switch (type) {
            case BOOLEAN -> writeBoolean((Boolean) value, order);
            case LONG -> writeLong(((Number) value).longValue(), order);
            case DECIMAL -> writeDecimal((BigDecimal) value, order);
            case FLOAT -> writeFloat((Float) value, order);
            case DOUBLE -> writeDouble((Double) value, order);
            case STRING -> writeString((String) value, order);
            case BYTES -> writeBytes((byte[]) value, order);
            case DATE -> writeDate((LocalDate) value, order);
            case TIME -> writeTime((LocalTime) value, order);
            case TIMESTAMP -> writeTimestamp((LocalDateTime) value, order);
            case TIMESTAMP_TZ -> writeTimestampTz((Instant) value, order);
        };
    }

    /** Number of bytes written so far. */
    public int length() { return out.length(); }

    /** A copy of the key written so far. */
    public byte[] toByteArray() { return out.toByteArray(); }

    /** Empties the writer (keeping its buffer) so that it can build the next key. */
    public KeyWriter reset() {
        out.truncate(0);
        return this;
    }

    private int beginPayload(KeyType type, KeyOrder order) {
        out.put(type.tag(order));
        return out.length();
    }

    /** Turns the ASC payload written since {@code start} into the DESC payload if needed. */
    private void endPayload(int start, KeyOrder order) {
        if (order.isDescending()) out.invertFrom(start);
    }

    private void putLong(long ascending, KeyOrder order) {
        out.putLong(order.isDescending() ? ~ascending : ascending);
    }

    private void putSecondsAndNanos(long epochSecond, int nano, KeyOrder order) {
        putLong(epochSecond ^ SIGN_BIT, order);
        out.putInt(order.isDescending() ? ~nano : nano);
    }
}
