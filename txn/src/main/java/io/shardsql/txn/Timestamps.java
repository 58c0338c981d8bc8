package io.shardsql.txn;

/**
 * The layout of timestamps handed out by the timestamp oracle: wall-clock milliseconds in the high
 * bits, a counter within the millisecond in the low {@value #LOGICAL_BITS}.
 *
 * <pre>
 * | physical millis since 1970 (46 bits) | logical (18 bits) |
 * </pre>
 */
public final class Timestamps {
    public static final int LOGICAL_BITS = 18;

    private Timestamps() {}

    /** Roughly when {@code ts} was issued, in milliseconds since 1970. */
    public static long physicalMillis(long ts) { return ts >>> LOGICAL_BITS; }

    /** The smallest timestamp of millisecond {@code millis}. */
    public static long ofMillis(long millis) { return millis << LOGICAL_BITS; }
}
