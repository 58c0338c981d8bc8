package io.shardsql.shell;

import java.math.BigDecimal;

/** Text of single values, shared by the printers. */
final class Values {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Values() {}

    /** A non-null value as plain text: decimals without exponent, binary as {@code \x0a1b}. */
    static String text(Object v) {
        if (v instanceof BigDecimal d) return d.toPlainString();
        if (v instanceof byte[] b) return hex(b);
        return v.toString();
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(2 + 2 * bytes.length).append("\\x");
        for (byte b : bytes) sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        return sb.toString();
    }
}
