package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCodec;

import java.util.List;
import java.util.Map;

/**
 * Refuses, before anything is proposed, a commit whose writes to one shard would not fit one Raft entry.
 *
 * <p>A transaction's writes to a shard travel in one {@code Prepare} entry (the decision entries that follow
 * carry only keys, so they are smaller). A larger entry would be refused by the shard's leader, or, sharing
 * an entry with others, take them down with it; ShardSQL does not split a prepare across entries (a split
 * prepare would need its parts voted and fenced as one), so the commit fails with 54000 naming the shard,
 * the size and the limit, the transaction is aborted, and nothing is written anywhere.
 */
final class PrepareSizes {
    /** A prepare's bytes besides its mutations: format, tag, start timestamp, owner (at most this long), TTL. */
    static final long PREPARE_HEADER_BYTES = 1 + 1 + 8 + 4 + 64 + 8;

    private PrepareSizes() {}

    static void check(Map<GroupName, List<Mutation>> writes, long maxCommandBytes) {
        for (Map.Entry<GroupName, List<Mutation>> e : writes.entrySet()) {
            long size = PREPARE_HEADER_BYTES + ShardCodec.mutationsSize(e.getValue());
            if (size > maxCommandBytes) {
                throw new ShardSqlException(ErrorCode.ENTRY_TOO_LARGE, "transaction too large: its "
                        + e.getValue().size() + " writes to " + e.getKey() + " take " + size + " bytes encoded, more "
                        + "than one Raft entry may carry (" + maxCommandBytes + " bytes: raft.log.entry-max-bytes, "
                        + "Ratis' raft.server.log.appender.buffer.byte-limit); nothing was written, commit in "
                        + "smaller transactions");
            }
        }
    }
}
