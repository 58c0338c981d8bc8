package io.shardsql.storage.keys;

/**
 * The escape scheme that makes variable-length byte strings (STRING and BYTES payloads) self-delimiting
 * while keeping unsigned byte order.
 * <pre>
 * | content byte b != 0x00 | -&gt; | b         |
 * | content byte 0x00      | -&gt; | 0x00 0xFF |   (escaped zero)
 * | end of content         | -&gt; | 0x00 0x01 |   (terminator)
 * </pre>
 * Example: {@code "a\0b"} becomes {@code 61 00 FF 62 00 01}; the empty string becomes {@code 00 01}.
 *
 * <p>Order: where two contents first differ, either both bytes are non-zero and written as is, or one
 * is 0x00 (written 0x00 0xFF) against a non-zero byte (written as itself, which is above 0x00); where one
 * content ends first, its terminator 0x00 0x01 is below whatever the longer one continues with
 * (a non-zero byte, or 0x00 0xFF). No encoding is a proper prefix of another. In DESC form every byte,
 * terminator included, is XORed with 0xFF ({@code 0x00 0x01} becomes {@code 0xFF 0xFE}).
 */
final class EscapedBytes {
    static final int ESCAPE = 0x00;
    static final int ESCAPED_ZERO = 0xFF;
    static final int TERMINATOR = 0x01;

    private EscapedBytes() {}

    /** Writes {@code content} escaped, then the terminator. */
    static void write(byte[] content, GrowableBytes out) {
        out.ensure(content.length + 2L);
        for (byte b : content) {
            if (b == 0) {
                out.put(ESCAPE);
                out.put(ESCAPED_ZERO);
            } else {
                out.put(b);
            }
        }
        writeTerminator(out);
    }

    static void writeTerminator(GrowableBytes out) {
        out.put(ESCAPE);
        out.put(TERMINATOR);
    }

    /**
     * Moves the cursor past one escaped content and its terminator, checking every escape.
     *
     * @return the length of the content once unescaped; the escaped bytes are those from the position
     *     before the call up to {@code in.position() - 2}
     */
    static int skip(ByteCursor in, int mask) {
        int length = 0;
        while (true) {
            if (in.next(mask) != ESCAPE) {
                length++;
                continue;
            }
            int second = in.next(mask);
            if (second == TERMINATOR) return length;
            if (second != ESCAPED_ZERO) {
                throw in.malformedAt(in.position() - 2, String.format(
                        "byte 0x00 followed by 0x%02X, expected 0xFF (escaped 0x00) or 0x01 (end)", second));
            }
            length++;
        }
    }

    /**
     * Copies the content escaped in {@code src[from, to)} (already checked by {@link #skip}) into
     * {@code dst} from index 0, undoing the mask and the escapes.
     */
    static void unescape(byte[] src, int from, int to, int mask, byte[] dst) {
        int j = 0;
        for (int i = from; i < to; j++) {
            int b = (src[i] ^ mask) & 0xFF;
            dst[j] = (byte) b;
            i += b == ESCAPE ? 2 : 1;
        }
    }
}
