package io.shardsql.storage;

import java.util.Arrays;
import java.util.HexFormat;

/** Small helpers for byte-array keys: unsigned order, hex for messages. */
public final class Bytes {
    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    /** Unsigned lexicographic order: the order RocksDB's default comparator uses. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** Hex of at most the first 32 bytes, for messages and logs. */
    public static String toHex(byte[] b) {
        if (b == null) return "null";
        return b.length <= 32 ? HEX.formatHex(b) : HEX.formatHex(b, 0, 32) + "..(" + b.length + "B)";
    }
}
