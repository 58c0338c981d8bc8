package io.shardsql.txn.impl;

import io.shardsql.txn.log.Decisions;
import io.shardsql.storage.raft.GroupName;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A coordinator's decision on one transaction, as the transaction layer reads it back.
 *
 * <pre>
 * record (inside the stored value, see Decisions):
 * | version (1) = 1 | decided at, wall-clock millis (8) | participants n (4) | n x group name |
 * group name := | length (2) | UTF-8 ("shard-3", "control") |
 * </pre>
 * n = 0 means "participants unknown" (an abort decided by someone who met one lock): whoever finishes
 * it resolves on every shard.
 */
record DecisionRecord(long startTs, long commitTs, long decidedAtMillis, List<GroupName> participants) {

    boolean committed() { return commitTs != 0; }

    byte[] encodeRecord() {
        List<byte[]> names = participants.stream().map(g -> g.toString().getBytes(StandardCharsets.UTF_8)).toList();
        ByteBuffer b = ByteBuffer.allocate(1 + 8 + 4 + names.stream().mapToInt(n -> 2 + n.length).sum())
                .put((byte) 1).putLong(decidedAtMillis).putInt(names.size());
        for (byte[] n : names) b.putShort((short) n.length).put(n);
        return b.array();
    }

    static DecisionRecord decode(long startTs, byte[] stored) {
        ByteBuffer b = ByteBuffer.wrap(Decisions.recordOf(stored));
        b.get(); // version
        long decidedAt = b.getLong();
        int n = b.getInt();
        List<GroupName> parts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] name = new byte[b.getShort()];
            b.get(name);
            parts.add(GroupName.parse(new String(name, StandardCharsets.UTF_8)));
        }
        return new DecisionRecord(startTs, Decisions.commitTsOf(stored), decidedAt, parts);
    }
}
