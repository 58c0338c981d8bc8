package io.shardsql.txn.impl;

import io.shardsql.txn.log.NextTimestamps;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.txn.spi.GroupClient;
import io.shardsql.txn.spi.TxnClock;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets timestamps from the timestamp oracle on the {@code control} leader. Requests that arrive while
 * one is on its way are answered together by the next one (one round trip for many callers), and a
 * retryable failure (no leader yet, a leader change) is retried with backoff until the deadline.
 * With a {@link #readWithEveryTimestamp key} set, each timestamp comes with that key's value at it
 * when the oracle can tell.
 */
final class TimestampClient {
    /** A timestamp, and the value of the key read with it ({@code read} null: not known, read it yourself). */
    record Issued(long ts, byte[] key, ShardReply.Value read) {}

    private final GroupClient control;
    private final TxnClock clock;
    private final Duration deadline;
    private final Object lock = new Object();
    private List<CompletableFuture<Issued>> waiting = new ArrayList<>();
    private boolean inFlight;
    private volatile byte[] readKey;

    TimestampClient(GroupClient control, Duration deadline, TxnClock clock) {
        this.control = control;
        this.clock = clock;
        this.deadline = deadline;
    }

    /** Asks the oracle for {@code key}'s value (a key of {@code control}) with every timestamp from now on. */
    void readWithEveryTimestamp(byte[] key) {
        readKey = key.clone();
    }

    CompletableFuture<Long> next() {
        return issue().thenApply(Issued::ts);
    }

    CompletableFuture<Issued> issue() {
        CompletableFuture<Issued> f = new CompletableFuture<>();
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
        return await(next());
    }

    /**
     * Waits for {@code f}, one of this client's timestamps, at most a little longer than a request may
     * take ({@link #sendWaiting} ends each one within the deadline), and gives up if interrupted.
     */
    <T> T await(CompletableFuture<T> f) {
        return Futures.await(f, deadline.plusSeconds(5));
    }

    private void sendWaiting() {
        List<CompletableFuture<Issued>> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        byte[] key = readKey;
        CompletableFuture<ShardReply.Timestamps> sent;
        try {
            sent = request(batch.size(), key, clock.nanoTime() + deadline.toNanos(), 10);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        // Whatever the request does, it ends within the deadline, and its end answers the batch and lets
        // the next one go: a request that never ended would hold every later caller behind it.
        sent.orTimeout(deadline.toMillis(), TimeUnit.MILLISECONDS).whenComplete((issued, error) -> {
            try {
                boolean timedOut = error instanceof TimeoutException
                        || error != null && error.getCause() instanceof TimeoutException;
                Throwable failure = timedOut ? new ShardSqlException(ErrorCode.UNAVAILABLE,
                        "no timestamp from the oracle within " + deadline.toMillis() + " ms") : error;
                for (int i = 0; i < batch.size(); i++) {
                    if (failure != null) batch.get(i).completeExceptionally(failure);
                    else batch.get(i).complete(new Issued(issued.first() + i, key, issued.read()));
                }
            } catch (RuntimeException e) {
                for (CompletableFuture<Issued> f : batch) f.completeExceptionally(e);
            } finally {
                boolean more;
                synchronized (lock) {
                    more = !waiting.isEmpty();
                    inFlight = more;
                }
                if (more) sendWaiting();
            }
        });
    }

    private CompletableFuture<ShardReply.Timestamps> request(int count, byte[] key, long deadlineNanos,
            long backoffMillis) {
        CompletableFuture<ShardReply> sent;
        try {
            sent = control.query(new NextTimestamps(count, key));
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e); // never leave the waiting callers without an answer
        }
        return sent.handle((reply, error) -> {
            ShardSqlException failure = error != null ? Futures.toShardSql(error)
                    : reply instanceof ShardReply.Failed f ? f.toException() : null;
            if (failure == null) return CompletableFuture.completedFuture((ShardReply.Timestamps) reply);
            if (!failure.retryable() || clock.nanoTime() + backoffMillis * 1_000_000 > deadlineNanos) {
                return CompletableFuture.<ShardReply.Timestamps>failedFuture(failure.retryable()
                        ? new ShardSqlException(ErrorCode.UNAVAILABLE,
                                "no timestamp from the oracle: " + failure.getMessage(), failure)
                        : failure);
            }
            return CompletableFuture.supplyAsync(() -> null, clock.after(backoffMillis))
                    .thenCompose(x -> request(count, key, deadlineNanos, Math.min(backoffMillis * 2, 500)));
        }).thenCompose(f -> f);
    }
}
