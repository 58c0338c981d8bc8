package io.shardsql.txn;

import java.util.List;

/**
 * A snapshot of one in-flight transaction, for {@code sys.transactions}.
 *
 * @param participants groups the transaction writes ({@code shard-N}, or {@code control} for system
 *                     keys), known once it commits
 * @param coordinator  the coordinator group deciding it ({@code coord-k}), or null while it has none
 *                     (read-only, or all writes on one shard: decided in that shard's log)
 * @param holder       who runs it ({@link Transaction#setHolder}: a SQL session, its user and client), or ""
 */
public record TxnInfo(long startTs, TxnMode mode, TxnState state, long ageMillis, List<String> participants,
                      String coordinator, int bufferedWrites, String holder) {
    public TxnInfo {
        participants = List.copyOf(participants);
    }
}
