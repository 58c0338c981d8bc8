package io.shardsql.txn.log;

import io.shardsql.storage.raft.command.ByteReader;
import io.shardsql.storage.raft.command.ByteWriter;
import io.shardsql.storage.raft.command.ShardQuery;

/**
 * {@code count} fresh timestamps from the timestamp oracle ({@code control}'s leader), and, if
 * {@code readKey} is not null, the value of that key (a key of {@code control}) at those timestamps
 * when the leader can tell it without waiting: see {@code ShardReply.Timestamps}. Sent as a
 * linearizable read, so only a leader that holds its lease (or confirmed its leadership) answers.
 *
 * <pre>
 *   0x17 NextTimestamps | count (4) | readKey bytes-or-null |
 * </pre>
 */
public record NextTimestamps(int count, byte[] readKey) implements ShardQuery.Extension {
    static final int TAG = 0x17;

    public NextTimestamps {
        if (count <= 0 || count > 1_000_000) throw new IllegalArgumentException("count out of range: " + count);
    }

    public NextTimestamps(int count) {
        this(count, null);
    }

    @Override
    public int tag() { return TAG; }

    @Override
    public void writeBody(ByteWriter out) {
        out.i32(count).bytes(readKey);
    }

    static NextTimestamps read(ByteReader in) {
        int count = in.i32();
        return new NextTimestamps(count, in.bytes());
    }
}
