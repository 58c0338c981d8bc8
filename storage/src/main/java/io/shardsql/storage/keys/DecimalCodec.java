package io.shardsql.storage.keys;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The DECIMAL payload: sign byte, then (for non-zero values) the decimal exponent and the digits.
 * A non-zero value is {@code sign * 0.d1 d2 ... dn * 10^E} with {@code d1 != 0} and {@code dn != 0}.
 * <pre>
 * | value    | payload                                                                    |
 * |----------|----------------------------------------------------------------------------|
 * | zero     | 0x02                                                                       |
 * | positive | 0x03 | E (OrderedVarint, 1..9) | pair bytes (1..100 each) | 0x00           |
 * | negative | 0x01 | NOT( E (OrderedVarint)  | pair bytes               | 0x00 )         |
 *
 * pair byte = 1 + 10 * d(i) + d(i+1)  for i = 1, 3, 5, ...;  d(n+1) = 0 when n is odd
 * </pre>
 * Examples: {@code 1.5 = 0.15e1 -> 03 81 10 00}; {@code 10 = 0.1e2 -> 03 82 0B 00};
 * {@code 0.001 = 0.1e-2 -> 03 7E 0B 00}; {@code -1.5 -> 01 7E EF FF}.
 *
 * <p>Order for positive values: a larger exponent is a larger value (d1 != 0); for equal exponents the
 * pair bytes compare the digit strings as fractions, and the 0x00 terminator (below every pair byte)
 * puts {@code 0.12} before {@code 0.123}; a padding 0 in the last pair only ever meets a real digit
 * {@code >= 0} at the same place. Negative values take the bitwise NOT of the same bytes, which reverses
 * their order (larger magnitude, smaller value); the sign byte puts negative &lt; zero &lt; positive.
 */
final class DecimalCodec {
    static final int NEGATIVE = 0x01;
    static final int ZERO = 0x02;
    static final int POSITIVE = 0x03;
    private static final int TERMINATOR = 0x00;
    private static final int MAX_PAIR_BYTE = 100;
    /** Digits that fit a long accumulator without overflow. */
    private static final int MAX_LONG_DIGITS = 18;
    /** A decoded exponent beyond this cannot belong to a BigDecimal (its scale would overflow). */
    private static final long MAX_ABS_EXPONENT = 1L << 40;
    private static final long[] POW10 = new long[19];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) POW10[i] = POW10[i - 1] * 10;
    }

    private DecimalCodec() {}

    /**
     * @throws ArithmeticException if stripping trailing zeros overflows the scale (only for values
     *     with a scale within a few digits of {@code Integer.MIN_VALUE})
     */
    static void write(BigDecimal v, GrowableBytes out) {
        int signum = v.signum();
        if (signum == 0) {
            out.put(ZERO);
            return;
        }
        out.put(signum > 0 ? POSITIVE : NEGATIVE);
        int start = out.length();
        BigDecimal normalized = v.stripTrailingZeros();
        BigInteger unscaled = normalized.unscaledValue();
        if (unscaled.bitLength() < Long.SIZE - 1) {
            long magnitude = Math.abs(unscaled.longValue());
            int n = digitCount(magnitude);
            OrderedVarint.write((long) n - normalized.scale(), out);
            writePairs(magnitude, n, out);
        } else {
            String digits = unscaled.abs().toString();
            OrderedVarint.write((long) digits.length() - normalized.scale(), out);
            writePairs(digits, out);
        }
        out.put(TERMINATOR);
        if (signum < 0) out.invertFrom(start);
    }

    static BigDecimal read(ByteCursor in, int mask) {
        int signPos = in.position();
        int sign = in.next(mask);
        if (sign == ZERO) return BigDecimal.ZERO;
        if (sign != POSITIVE && sign != NEGATIVE) {
            throw in.malformedAt(signPos,
                    String.format("decimal sign byte is 0x%02X, expected 0x01, 0x02 or 0x03", sign));
        }
        int m = sign == NEGATIVE ? mask ^ 0xFF : mask;
        long exponent = OrderedVarint.read(in, m);
        if (Math.abs(exponent) > MAX_ABS_EXPONENT) throw in.malformed("decimal exponent " + exponent
                + " is out of range");

        long small = 0;
        StringBuilder big = null;
        int n = 0;
        int lastPair = -1;
        for (int b = in.next(m); b != TERMINATOR; b = in.next(m)) {
            if (b > MAX_PAIR_BYTE) throw in.malformedAt(in.position() - 1,
                    String.format("decimal digit byte 0x%02X is above 0x64", b));
            int pair = b - 1;
            if (n == 0 && pair < 10) throw in.malformedAt(in.position() - 1, "decimal digits start with 0");
            if (big == null && n + 2 > MAX_LONG_DIGITS) big = new StringBuilder(40).append(small);
            if (big == null) {
                small = small * 100 + pair;
            } else {
                big.append((char) ('0' + pair / 10)).append((char) ('0' + pair % 10));
            }
            n += 2;
            lastPair = pair;
        }
        if (n == 0) throw in.malformed("decimal has no digits");
        if (lastPair % 10 == 0) { // a padding zero, or the value had trailing zeros (never written)
            if (lastPair == 0) throw in.malformedAt(in.position() - 2, "decimal digits end with 0");
            n--;
            if (big == null) small /= 10;
            else big.setLength(big.length() - 1);
        }
        long scale = n - exponent;
        if (scale < Integer.MIN_VALUE || scale > Integer.MAX_VALUE) {
            throw in.malformed("decimal with " + n + " digits and exponent " + exponent + " has no int scale");
        }
        if (big == null) return BigDecimal.valueOf(sign == NEGATIVE ? -small : small, (int) scale); // no BigInteger
        BigInteger unscaled = new BigInteger(big.toString());
        return new BigDecimal(sign == NEGATIVE ? unscaled.negate() : unscaled, (int) scale);
    }

    private static int digitCount(long magnitude) {
        int n = 1;
        while (n < POW10.length && magnitude >= POW10[n]) n++;
        return n;
    }

    private static void writePairs(long magnitude, int n, GrowableBytes out) {
        out.ensure(n / 2 + 2);
        for (int i = 0; i < n; i += 2) {
            int first = digitAt(magnitude, n, i);
            int second = i + 1 < n ? digitAt(magnitude, n, i + 1) : 0;
            out.put(1 + 10 * first + second);
        }
    }

    /** Digit {@code i} (0 = most significant) of the {@code n}-digit number {@code magnitude}. */
    private static int digitAt(long magnitude, int n, int i) {
        return (int) (magnitude / POW10[n - 1 - i] % 10);
    }

    private static void writePairs(String digits, GrowableBytes out) {
        int n = digits.length();
        out.ensure(n / 2 + 2);
        for (int i = 0; i < n; i += 2) {
            int first = digits.charAt(i) - '0';
            int second = i + 1 < n ? digits.charAt(i + 1) - '0' : 0;
            out.put(1 + 10 * first + second);
        }
    }
}
