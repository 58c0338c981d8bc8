package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;
import io.shardsql.protocol.value.ValueType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * Typed values: a tag byte ({@link ValueType#tag()}) and the payload.
 * <pre>
 * tag  type       payload
 *  0   NULL       (none)
 *  1   BOOLEAN    | bool |
 *  2   SMALLINT   | i16 |
 *  3   INTEGER    | i32 |
 *  4   BIGINT     | i64 |
 *  5   DECIMAL    | scale (i32) | unscaled value (bytes: two's complement, big-endian, at least 1 byte) |
 *  6   REAL       | IEEE 754 binary32 (4) |
 *  7   DOUBLE     | IEEE 754 binary64 (8) |
 *  8   VARCHAR    | string |
 *  9   VARBINARY  | bytes |
 * 10   DATE       | epoch day (i64) |
 * 11   TIME       | nanos of day (i64, 0 .. 86_399_999_999_999) |
 * 12   TIMESTAMP  | epoch seconds (i64) | nanos (i32, 0 .. 999_999_999) |     no time zone: UTC arithmetic
 * row  | count (varint) | value ... |
 * </pre>
 */
final class ValueCodec {
    private ValueCodec() {}

    static void write(ByteBuf out, Value v) {
        out.writeByte(v.type().tag());
        switch (v.type()) {
            case NULL -> { }
            case BOOLEAN -> Wire.writeBool(out, ((Value.BooleanValue) v).value());
            case SMALLINT -> out.writeShort(((Value.SmallIntValue) v).value());
            case INTEGER -> out.writeInt(((Value.IntegerValue) v).value());
            case BIGINT -> out.writeLong(((Value.BigIntValue) v).value());
            case DECIMAL -> writeDecimal(out, ((Value.DecimalValue) v).value());
            case REAL -> out.writeFloat(((Value.RealValue) v).value());
            case DOUBLE -> out.writeDouble(((Value.DoubleValue) v).value());
            case VARCHAR -> Wire.writeString(out, ((Value.VarcharValue) v).value());
            case VARBINARY -> Wire.writeBytes(out, ((Value.VarbinaryValue) v).value());
            case DATE -> out.writeLong(((Value.DateValue) v).value().toEpochDay());
            case TIME -> out.writeLong(((Value.TimeValue) v).value().toNanoOfDay());
            case TIMESTAMP -> {
                LocalDateTime t = ((Value.TimestampValue) v).value();
                out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
                out.writeInt(t.getNano());
            }
            default -> throw new IllegalStateException("no wire encoding for value type " + v.type());
        }
    }

    static Value read(ByteBuf in) {
        int tag = Wire.readU8(in);
        ValueType type = ValueType.ofTag(tag);
        if (type == null) throw new ProtocolException("unknown value tag " + tag);
        return switch (type) {
            case NULL -> Value.NULL;
            case BOOLEAN -> new Value.BooleanValue(Wire.readBool(in));
            case SMALLINT -> new Value.SmallIntValue(Wire.readShort(in));
            case INTEGER -> new Value.IntegerValue(Wire.readInt(in));
            case BIGINT -> new Value.BigIntValue(Wire.readLong(in));
            case DECIMAL -> new Value.DecimalValue(readDecimal(in));
            case REAL -> new Value.RealValue(Float.intBitsToFloat(Wire.readInt(in)));
            case DOUBLE -> new Value.DoubleValue(Double.longBitsToDouble(Wire.readLong(in)));
            case VARCHAR -> new Value.VarcharValue(Wire.readString(in));
            case VARBINARY -> new Value.VarbinaryValue(Wire.readBytes(in));
            case DATE -> new Value.DateValue(readDate(in));
            case TIME -> new Value.TimeValue(readTime(in));
            case TIMESTAMP -> new Value.TimestampValue(readTimestamp(in));
        };
    }

    static void writeRow(ByteBuf out, Row row) {
        Wire.writeList(out, row.values(), ValueCodec::write);
    }

    static Row readRow(ByteBuf in) {
        return new Row(Wire.readList(in, 1, ValueCodec::read));
    }

    private static void writeDecimal(ByteBuf out, BigDecimal d) {
        out.writeInt(d.scale());
        byte[] unscaled = d.unscaledValue().toByteArray();
        Wire.writeVarint(out, unscaled.length);
        out.writeBytes(unscaled);
    }

    private static BigDecimal readDecimal(ByteBuf in) {
        int scale = Wire.readInt(in);
        byte[] unscaled = Wire.readBytes(in).toByteArray();
        if (unscaled.length == 0) throw new ProtocolException("DECIMAL without unscaled bytes");
        return new BigDecimal(new BigInteger(unscaled), scale);
    }

    private static LocalDate readDate(ByteBuf in) {
        long day = Wire.readLong(in);
        if (day < LocalDate.MIN.toEpochDay() || day > LocalDate.MAX.toEpochDay()) {
            throw new ProtocolException("DATE out of range: epoch day " + day);
        }
        return LocalDate.ofEpochDay(day);
    }

    private static LocalTime readTime(ByteBuf in) {
        long nanos = Wire.readLong(in);
        if (nanos < 0 || nanos > LocalTime.MAX.toNanoOfDay()) throw new ProtocolException("TIME out of range: " + nanos
                + " ns");
        return LocalTime.ofNanoOfDay(nanos);
    }

    private static LocalDateTime readTimestamp(ByteBuf in) {
        long seconds = Wire.readLong(in);
        int nanos = Wire.readInt(in);
        if (nanos < 0 || nanos > 999_999_999
                || seconds < LocalDateTime.MIN.toEpochSecond(ZoneOffset.UTC)
                || seconds > LocalDateTime.MAX.toEpochSecond(ZoneOffset.UTC)) {
            throw new ProtocolException("TIMESTAMP out of range: " + seconds + " s + " + nanos + " ns");
        }
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}
