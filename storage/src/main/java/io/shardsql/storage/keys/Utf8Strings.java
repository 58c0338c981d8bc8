package io.shardsql.storage.keys;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Strict UTF-8 for STRING payloads: encodes a {@code String} straight into the key buffer with the
 * {@link EscapedBytes} scheme (no intermediate {@code byte[]}), and decodes with a decoder that rejects
 * malformed input instead of replacing it. UTF-8 byte order is code point order.
 */
final class Utf8Strings {
    private Utf8Strings() {}

    /** Writes {@code s} as escaped UTF-8 followed by the terminator. */
    static void writeEscaped(String s, GrowableBytes out) {
        int n = s.length();
        out.ensure(3L * n + 2); // 3 bytes per char at most: U+0000 takes 2, a surrogate pair 4 for 2 chars
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == 0) {
                out.put(EscapedBytes.ESCAPE);
                out.put(EscapedBytes.ESCAPED_ZERO);
            } else if (c < 0x80) {
                out.put(c);
            } else if (c < 0x800) {
                out.put(0xC0 | (c >>> 6));
                out.put(0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? s.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    throw new ShardSqlException(ErrorCode.KEY_ENCODING, String.format(
                            "string cannot be encoded as UTF-8: unpaired surrogate U+%04X at index %d", (int) c, i));
                }
                int cp = Character.toCodePoint(c, low);
                i++;
                out.put(0xF0 | (cp >>> 18));
                out.put(0x80 | ((cp >>> 12) & 0x3F));
                out.put(0x80 | ((cp >>> 6) & 0x3F));
                out.put(0x80 | (cp & 0x3F));
            } else {
                out.put(0xE0 | (c >>> 12));
                out.put(0x80 | ((c >>> 6) & 0x3F));
                out.put(0x80 | (c & 0x3F));
            }
        }
        EscapedBytes.writeTerminator(out);
    }

    /** A decoder that reports malformed input; not thread-safe, so each reader keeps its own. */
    static CharsetDecoder newStrictDecoder() {
        return StandardCharsets.UTF_8.newDecoder(); // REPORT is the default action of a new decoder
    }

    /**
     * Decodes {@code b[off, off + len)}.
     *
     * @throws CharacterCodingException if the bytes are not well-formed UTF-8
     */
    static String decode(byte[] b, int off, int len, CharsetDecoder decoder) throws CharacterCodingException {
        if (isAscii(b, off, len)) return new String(b, off, len, StandardCharsets.US_ASCII);
        return decoder.decode(ByteBuffer.wrap(b, off, len)).toString();
    }

    private static boolean isAscii(byte[] b, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (b[i] < 0) return false;
        }
        return true;
    }
}
