package io.shardsql.protocol.value;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable byte string, so that records holding bytes (VARBINARY values, salts, proofs) compare
 * by content. {@link #copyOf} copies; {@link #wrap} takes ownership of an array nobody else keeps.
 */
public final class Bytes {
    public static final Bytes EMPTY = new Bytes(new byte[0]);

    private final byte[] bytes;

    private Bytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static Bytes copyOf(byte[] bytes) {
        return new Bytes(bytes.clone());
    }

    /** Wraps {@code bytes} without copying: the caller must never change the array afterwards. */
    public static Bytes wrap(byte[] bytes) {
        return new Bytes(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view, for writing the bytes somewhere without copying them first. */
    public ByteBuffer asReadOnlyBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes b && Arrays.equals(bytes, b.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Hex, shortened after 32 bytes. */
    @Override
    public String toString() {
        HexFormat hex = HexFormat.of();
        return bytes.length <= 32 ? hex.formatHex(bytes)
                : hex.formatHex(bytes, 0, 32) + "...(" + bytes.length + " bytes)";
    }
}
