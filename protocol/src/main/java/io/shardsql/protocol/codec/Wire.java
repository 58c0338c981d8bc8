package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.value.Bytes;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The primitive encodings inside message bodies. Fixed-width integers are big-endian two's complement;
 * everything read is checked against the bytes that remain, so a lying length or count is a
 * {@link ProtocolException}, never a huge allocation.
 * <pre>
 * u8, bool      1 byte (bool: 0 or 1, anything else is an error)
 * i16/i32/i64   2/4/8 bytes, big-endian; u32 is an i32 that must not be negative
 * varint        unsigned LEB128: 7 bits per byte, low group first, high bit set on all but the last;
 *               at most 5 bytes, value 0 .. 2^31-1
 * string        | byte length (varint) | UTF-8 bytes (strict: malformed UTF-8 is an error) |
 * bytes         | length (varint) | bytes |
 * list&lt;T&gt;       | count (varint) | T ... |
 * </pre>
 */
final class Wire {
    private Wire() {}

    static void writeVarint(ByteBuf out, int value) {
        if (value < 0) throw new IllegalArgumentException("varint must not be negative: " + value);
        while ((value & ~0x7F) != 0) {
            out.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.writeByte(value);
    }

    static int readVarint(ByteBuf in) {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readU8(in);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (shift == 28 && (b & 0x78) != 0) throw new ProtocolException("varint exceeds 2^31-1");
                return value;
            }
        }
        throw new ProtocolException("varint longer than 5 bytes");
    }

    static int readU8(ByteBuf in) {
        need(in, 1, "u8");
        return in.readUnsignedByte();
    }

    static boolean readBool(ByteBuf in) {
        int b = readU8(in);
        if (b > 1) throw new ProtocolException("bool must be 0 or 1, not " + b);
        return b == 1;
    }

    static void writeBool(ByteBuf out, boolean b) {
        out.writeByte(b ? 1 : 0);
    }

    static short readShort(ByteBuf in) {
        need(in, 2, "i16");
        return in.readShort();
    }

    static int readInt(ByteBuf in) {
        need(in, 4, "i32");
        return in.readInt();
    }

    /** A u32 field: an i32 that must not be negative. */
    static int readU32(ByteBuf in, String what) {
        int v = readInt(in);
        if (v < 0) throw new ProtocolException(what + " must not be negative: " + v);
        return v;
    }

    static void writeU32(ByteBuf out, int v) {
        if (v < 0) throw new IllegalArgumentException("u32 field must not be negative: " + v);
        out.writeInt(v);
    }

    static long readLong(ByteBuf in) {
        need(in, 8, "i64");
        return in.readLong();
    }

    static void writeString(ByteBuf out, String s) {
        writeVarint(out, ByteBufUtil.utf8Bytes(s));
        out.writeCharSequence(s, StandardCharsets.UTF_8);
    }

    static String readString(ByteBuf in) {
        int length = readLength(in, "string");
        int start = in.readerIndex();
        in.skipBytes(length);
        if (in.forEachByte(start, length, b -> b >= 0) == -1) {
            return in.toString(start, length, StandardCharsets.US_ASCII);
        }
        ByteBuffer nio = in.nioBuffer(start, length);
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(nio).toString();
        } catch (CharacterCodingException e) {
            throw new ProtocolException("string is not valid UTF-8");
        }
    }

    static void writeBytes(ByteBuf out, Bytes b) {
        writeVarint(out, b.length());
        out.writeBytes(b.asReadOnlyBuffer());
    }

    static Bytes readBytes(ByteBuf in) {
        byte[] bytes = new byte[readLength(in, "bytes")];
        in.readBytes(bytes);
        return Bytes.wrap(bytes);
    }

    static <T> void writeList(ByteBuf out, List<T> list, BiConsumer<ByteBuf, T> element) {
        writeVarint(out, list.size());
        for (T t : list) element.accept(out, t);
    }

    /** A list whose elements take at least {@code minElementBytes} each, which bounds the count by the bytes left. */
    static <T> List<T> readList(ByteBuf in, int minElementBytes, Function<ByteBuf, T> element) {
        int count = readVarint(in);
        if ((long) count * minElementBytes > in.readableBytes()) {
            throw new ProtocolException("list of " + count + " elements does not fit in the " + in.readableBytes()
                    + " bytes left");
        }
        if (count == 0) return List.of();
        List<T> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) list.add(element.apply(in));
        return list;
    }

    private static int readLength(ByteBuf in, String what) {
        int length = readVarint(in);
        need(in, length, what);
        return length;
    }

    private static void need(ByteBuf in, int bytes, String what) {
        if (in.readableBytes() < bytes) {
            throw new ProtocolException("truncated body: " + what + " needs " + bytes + " bytes, " + in.readableBytes()
                    + " left");
        }
    }
}
