package io.shardsql.txn.log;

import java.nio.ByteBuffer;

/**
 * How a coordinator group stores the liveness of undecided transactions: one named value per
 * transaction, written by its driver's {@link TxnCommand.Heartbeat}s and removed with its decision.
 *
 * <pre>
 * name:   "heartbeat/" + startTs as 16 lower-case hex digits     (so names sort by startTs)
 * value:  | aliveUntilMillis (8, BE; the oracle's physical time) |
 * </pre>
 */
public final class Heartbeats {
    public static final String PREFIX = "heartbeat/";

    private Heartbeats() {}

    public static String name(long startTs) {
        return PREFIX + String.format("%016x", startTs);
    }

    public static long startTsOf(String name) {
        return Long.parseUnsignedLong(name.substring(PREFIX.length()), 16);
    }

    static byte[] encode(long aliveUntilMillis) {
        return ByteBuffer.allocate(Long.BYTES).putLong(aliveUntilMillis).array();
    }

    public static long aliveUntilOf(byte[] stored) {
        return ByteBuffer.wrap(stored).getLong();
    }
}
