package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for futures and turning what they fail with into {@link ShardSqlException}s. */
final class Futures {
    private Futures() {}

    static <T> T await(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw toShardSql(e);
        }
    }

    /**
     * {@link #await}, for at most {@code max}: then {@code TIMEOUT}; an interrupted wait gives up
     * ({@code QUERY_CANCELED}, the interrupt kept), so a thread being stopped does not wait on.
     */
    static <T> T await(CompletableFuture<T> f, Duration max) {
        try {
            return f.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw toShardSql(e.getCause() != null ? e.getCause() : e);
        } catch (TimeoutException e) {
            throw new ShardSqlException(ErrorCode.TIMEOUT, "no answer within " + max.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ShardSqlException(ErrorCode.QUERY_CANCELED, "interrupted while waiting");
        }
    }

    /** Waits for a shard reply; a {@link ShardReply.Failed} is returned, not thrown. */
    static ShardReply reply(CompletableFuture<ShardReply> f) {
        return await(f);
    }

    static ShardSqlException toShardSql(Throwable t) {
        ShardSqlException s = ShardSqlException.find(t);
        if (s != null) return s;
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return new ShardSqlException(ErrorCode.INTERNAL, cause.toString(), cause);
    }

    /** The reply, or its failure thrown as an exception. */
    static ShardReply ok(ShardReply r) {
        if (r instanceof ShardReply.Failed f) throw f.toException();
        return r;
    }
}
