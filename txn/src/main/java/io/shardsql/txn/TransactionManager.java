package io.shardsql.txn;

import io.shardsql.common.ShardSqlException;

import java.util.List;
import java.util.function.Function;

/** Starts transactions on this node and tells what is in flight here. */
public interface TransactionManager {

    Transaction begin(TxnMode mode);

    /** Begins a transaction at {@code isolation}; {@link #begin(TxnMode)} is {@link TxnIsolation#SNAPSHOT}. */
    default Transaction begin(TxnMode mode, TxnIsolation isolation) {
        if (isolation == TxnIsolation.SNAPSHOT) return begin(mode);
        throw new io.shardsql.common.ShardSqlException(io.shardsql.common.ErrorCode.FEATURE_NOT_SUPPORTED,
                isolation + " is not supported by " + getClass().getSimpleName());
    }

    /**
     * Every transaction begun here from now on learns the value of {@code key} (a key of the
     * {@code control} group that nearly every transaction reads: the catalog version) with its start
     * timestamp, in the same round trip to the oracle, whenever the oracle can tell it; its
     * {@link Transaction#get} of the key then costs no read.
     */
    void readWithEveryBegin(byte[] key);

    /** Transactions begun here that have not finished (for {@code sys.transactions}). */
    List<TxnInfo> inFlight();

    /** A fresh timestamp from the timestamp oracle. */
    long now();

    /**
     * Runs {@code body} in a transaction and commits it, starting over (with a new snapshot) when it
     * fails with a retryable error, up to {@code maxAttempts} times.
     */
    default <T> T run(TxnMode mode, int maxAttempts, Function<Transaction, T> body) {
        ShardSqlException last = null;
        for (int attempt = 0; attempt < maxAttempts; attempt++) {
            try (Transaction tx = begin(mode)) {
                T result = body.apply(tx);
                tx.commit();
                return result;
            } catch (ShardSqlException e) {
                if (!e.retryable()) throw e;
                last = e;
            }
        }
        throw last;
    }
}
