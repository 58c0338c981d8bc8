package io.shardsql.txn.impl;

import io.shardsql.storage.raft.Decisions;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A coordinator's decision on one transaction, as the transaction layer reads it back.
 *
 * <pre>
 * record (inside the stored value, see Decisions):
 * | version (1) = 1 | decided at, wall-clock millis (8) | participants n (4) | n x shard index (4) |
 * </pre>
 * n = 0 means "participants unknown" (an abort decided by someone who met one lock): whoever finishes
 * it resolves on every shard.
 */
record DecisionRecord(long startTs, long commitTs, long decidedAtMillis, List<Integer> participants) {

    boolean committed() { return commitTs != 0; }

    byte[] encodeRecord() {
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + 4 * participants.size()).put((byte) 1).putLong(decidedAtMillis)
                .putInt(participants.size());
        for (int p : participants) b.putInt(p);
        return b.array();
    }

    static DecisionRecord decode(long startTs, byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(Decisions.recordOf(stored));
        b.get(); // version
        long decidedAt = b.getLong();
        int n = b.getInt();
        List<Integer> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) parts.add(b.getInt());
        return new DecisionRecord(startTs, Decisions.commitTsOf(stored), decidedAt, parts);
    }
}
