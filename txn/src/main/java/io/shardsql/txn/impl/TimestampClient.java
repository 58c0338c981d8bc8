package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.ShardClient;
import io.shardsql.storage.raft.ShardQuery;
import io.shardsql.storage.raft.ShardReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Gets timestamps from the timestamp oracle on the {@code control} leader. Requests that arrive while
 * one is on its way are answered together by the next one (one round trip for many callers), and a
 * retryable failure (no leader yet, a leader change) is retried with backoff until the deadline.
 */
final class TimestampClient {
    private final ShardClient control;
    private final Duration deadline;
    private final Object lock = new Object();
    private List<CompletableFuture<Long>> waiting = new ArrayList<>();
    private boolean inFlight;

    TimestampClient(ShardClient control, Duration deadline) {
        this.control = control;
        this.deadline = deadline;
    }

    CompletableFuture<Long> next() {
        CompletableFuture<Long> f = new CompletableFuture<>();
        boolean send;
        synchronized (lock) {
            waiting.add(f);
            send = !inFlight;
            inFlight = true;
        }
        if (send) sendWaiting();
        return f;
    }

    long now() {
        return Futures.await(next());
    }

    private void sendWaiting() {
        List<CompletableFuture<Long>> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        request(batch.size(), System.nanoTime() + deadline.toNanos(), 10).whenComplete((first, error) -> {
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) batch.get(i).completeExceptionally(error);
                else batch.get(i).complete(first + i);
            }
            boolean more;
            synchronized (lock) {
                more = !waiting.isEmpty();
                inFlight = more;
            }
            if (more) sendWaiting();
        });
    }

    private CompletableFuture<Long> request(int count, long deadlineNanos, long backoffMillis) {
        CompletableFuture<ShardReply> sent;
        try {
            sent = control.queryLeader(new ShardQuery.NextTimestamps(count));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e); // never leave the waiting callers without an answer
        }
        return sent.handle((reply, error) -> {
            ShardSqlException failure = error != null ? Futures.toShardSql(error)
                    : reply instanceof ShardReply.Failed f ? f.toException() : null;
            if (failure == null) return CompletableFuture.completedFuture(((ShardReply.Timestamps) reply).first());
            if (!failure.retryable() || System.nanoTime() + backoffMillis * 1_000_000 > deadlineNanos) {
                return CompletableFuture.<Long>failedFuture(failure.retryable()
                        ? new ShardSqlException(ErrorCode.UNAVAILABLE, "no timestamp from the oracle: " + failure.getMessage(), failure)
                        : failure);
            }
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(backoffMillis, TimeUnit.MILLISECONDS))
                    .thenCompose(x -> request(count, deadlineNanos, Math.min(backoffMillis * 2, 500)));
        }).thenCompose(f -> f);
    }
}
