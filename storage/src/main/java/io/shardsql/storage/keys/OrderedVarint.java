package io.shardsql.storage.keys;

/**
 * An order-preserving variable-length encoding of a signed {@code long}, 1 to 9 bytes: unsigned byte
 * order of the encodings is numeric order. Used for the exponent of a DECIMAL, which is nearly always
 * small but has no fixed bound.
 * <pre>
 * | header h  | following bytes                         | value x                        |
 * |-----------|-----------------------------------------|--------------------------------|
 * | 0x00-0x07 | n = 8 - h bytes: NOT(u), big-endian      | x = -121 - u   (x &lt;= -121)     |
 * | 0x08-0xF7 | none                                    | x = h - 0x80   (-120..119)     |
 * | 0xF8-0xFF | n = h - 0xF7 bytes: u, big-endian        | x = 120 + u    (x &gt;= 120)      |
 * </pre>
 * {@code u >= 0} is written in the fewest bytes that hold it (the first of n &gt; 1 bytes is non-zero;
 * the decoder rejects other forms). So a longer positive form holds a larger value and gets a larger
 * header; a longer negative form holds a more negative value and gets a smaller header; within one
 * length, {@code u} (positive) or {@code NOT(u)} (negative) orders the values. The header fixes the
 * length, so the encoding is self-delimiting.
 */
final class OrderedVarint {
    private static final long SMALL_MIN = -120;
    private static final long SMALL_MAX = 119;
    private static final int SMALL_BIAS = 0x80;
    private static final int FIRST_SMALL_HEADER = 0x08;
    private static final int LAST_SMALL_HEADER = 0xF7;
    /** Largest {@code u}: keeps {@code 120 + u} and {@code -121 - u} inside the long range. */
    private static final long MAX_U = Long.MAX_VALUE - (SMALL_MAX + 1);

    private OrderedVarint() {}

    static void write(long x, GrowableBytes out) {
        if (x >= SMALL_MIN && x <= SMALL_MAX) {
            out.put((int) (x + SMALL_BIAS));
        } else if (x > 0) {
            long u = x - (SMALL_MAX + 1);
            int n = byteLength(u);
            out.put(LAST_SMALL_HEADER + n);
            out.putLowBytes(u, n);
        } else {
            long u = (SMALL_MIN - 1) - x;
            int n = byteLength(u);
            out.put(FIRST_SMALL_HEADER - n);
            out.putLowBytes(~u, n);
        }
    }

    static long read(ByteCursor in, int mask) {
        int headerPos = in.position();
        int h = in.next(mask);
        if (h >= FIRST_SMALL_HEADER && h <= LAST_SMALL_HEADER) return h - SMALL_BIAS;
        boolean positive = h > LAST_SMALL_HEADER;
        int n = positive ? h - LAST_SMALL_HEADER : FIRST_SMALL_HEADER - h;
        long raw = in.nextBytes(n, mask);
        long u = positive ? raw : ~raw & lowBytesMask(n);
        if (n > 1 && (u >>> (8 * (n - 1))) == 0) {
            throw in.malformedAt(headerPos, "varint is not in its shortest form");
        }
        if (u < 0 || u > MAX_U) throw in.malformedAt(headerPos, "varint is out of the long range");
        return positive ? (SMALL_MAX + 1) + u : (SMALL_MIN - 1) - u;
    }

    /** Bytes needed to hold {@code u >= 0}: 1..8. */
    private static int byteLength(long u) {
        return Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(u) + 7) / 8);
    }

    private static long lowBytesMask(int n) {
        return n == 8 ? -1L : (1L << (8 * n)) - 1;
    }
}
