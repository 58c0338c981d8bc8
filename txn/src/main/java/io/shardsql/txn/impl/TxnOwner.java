package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.GroupName;

import java.nio.ByteBuffer;

/**
 * Where a lock's transaction is decided, as written into the lock's {@code owner} bytes.
 *
 * <pre>
 * | kind (1): 0x01 = this shard's own log (single-shard transaction) |
 * | kind (1): 0x02 = a coordinator group | coordinator index (4, BE) |
 * </pre>
 */
record TxnOwner(int coordinator) {
    private static final byte LOCAL = 0x01;
    private static final byte COORDINATOR = 0x02;

    /** The owner of a single-shard transaction: the shard's own log decides. */
    static final TxnOwner LOCAL_SHARD = new TxnOwner(-1);

    static TxnOwner coordinator(int index) { return new TxnOwner(index); }

    boolean isLocal() { return coordinator < 0; }

    GroupName group() { return GroupName.coord(coordinator); }

    byte[] encode() {
        return isLocal() ? new byte[] {LOCAL} : ByteBuffer.allocate(5).put(COORDINATOR).putInt(coordinator).array();
    }

    static TxnOwner decode(byte[] b) {
        if (b.length == 1 && b[0] == LOCAL) return LOCAL_SHARD;
        if (b.length == 5 && b[0] == COORDINATOR) return coordinator(ByteBuffer.wrap(b, 1, 4).getInt());
        throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "unknown lock owner of " + b.length + " bytes");
    }
}
