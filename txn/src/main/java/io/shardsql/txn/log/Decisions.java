package io.shardsql.txn.log;

import java.nio.ByteBuffer;

/**
 * How a coordinator group stores decisions: one named value per transaction.
 *
 * <pre>
 * name:   "decision/" + startTs as 16 lower-case hex digits     (so names sort by startTs)
 * value:  | commitTs (8, BE; 0 = aborted) | record (the transaction layer's bytes) |
 * </pre>
 */
public final class Decisions {
    public static final String PREFIX = "decision/";

    private Decisions() {}

    public static String name(long startTs) {
        return PREFIX + String.format("%016x", startTs);
    }

    public static long startTsOf(String name) {
        return Long.parseUnsignedLong(name.substring(PREFIX.length()), 16);
    }

    /** A stored decision: its commit timestamp (0: aborted) and the transaction layer's record. */
    static byte[] encode(long commitTs, byte[] record) {
        return ByteBuffer.allocate(Long.BYTES + record.length).putLong(commitTs).put(record).array();
    }

    public static long commitTsOf(byte[] stored) {
        return ByteBuffer.wrap(stored).getLong();
    }

    public static byte[] recordOf(byte[] stored) {
        byte[] r = new byte[stored.length - Long.BYTES];
        System.arraycopy(stored, Long.BYTES, r, 0, r.length);
        return r;
    }
}
