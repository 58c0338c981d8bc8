package io.shardsql.storage.keys;

/**
 * Maps IEEE-754 bits to integers whose unsigned order is SQL order:
 * {@code -Inf < negatives < 0.0 = -0.0 < positives < +Inf < NaN} (NaN above everything, as in PostgreSQL).
 * <pre>
 * | v                                 | encoded                                   |
 * |-----------------------------------|-------------------------------------------|
 * | +0.0 .. +Inf, NaN  (sign bit 0)   | bits XOR sign bit   (top bit set)         |
 * | -Inf .. -MIN_VALUE (sign bit 1)   | NOT bits            (top bit clear)       |
 *  * </pre>
 * Positive IEEE bit patterns already sort like their values (NaN patterns above +Inf); negative ones
 * sort backwards, which NOT undoes. -0.0 is first turned into +0.0 and NaN into the canonical NaN.
 */
final class OrderedFloats {
    private OrderedFloats() {}

    static long encodeDouble(double v) {
        long bits = Double.doubleToLongBits(v == 0.0 ? 0.0 : v); // -0.0 == 0.0; doubleToLongBits: canonical NaN
        return bits >= 0 ? bits ^ Long.MIN_VALUE : ~bits;
    }

    static double decodeDouble(long encoded) {
        return Double.longBitsToDouble(encoded < 0 ? encoded ^ Long.MIN_VALUE : ~encoded);
    }

    static int encodeFloat(float v) {
        int bits = Float.floatToIntBits(v == 0.0f ? 0.0f : v);
        return bits >= 0 ? bits ^ Integer.MIN_VALUE : ~bits;
    }

    static float decodeFloat(int encoded) {
        return Float.intBitsToFloat(encoded < 0 ? encoded ^ Integer.MIN_VALUE : ~encoded);
    }
}
