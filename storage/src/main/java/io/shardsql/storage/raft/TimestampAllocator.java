package io.shardsql.storage.raft;

import java.util.concurrent.CompletableFuture;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * The timestamp oracle, run by the {@code control} group's leader (ARCHITECTURE §4). Timestamps are
 * hybrid: the high bits are wall-clock milliseconds, the low {@value #LOGICAL_BITS} bits count within
 * a millisecond, so a timestamp tells roughly when it was issued (lock TTLs use that).
 *
 * <pre>
 * | physical millis since 1970 (46 bits) | logical (18 bits) |
 * </pre>
 *
 * Timestamps are strictly increasing across leaders: none at or above the persisted <em>limit</em> is
 * handed out until a {@link ShardCommand.RaiseTimestampLimit} above it is applied, and a leader in a new
 * term starts at the limit it finds (everything below it may have been issued by its predecessor).
 * The limit is raised a window ahead of need, so one Raft entry covers a few seconds of timestamps.
 */
final class TimestampAllocator {
    static final int LOGICAL_BITS = 18;

    private final LongSupplier clockMillis;
    private final long windowTs;
    private final LongFunction<CompletableFuture<Long>> raise;

    private long term = -1;
    private long next;
    private long limit;
    /** Completes once the raise in flight has been accounted for in {@link #limit}; null if none is. */
    private CompletableFuture<Void> raising;

    /**
     * @param raise proposes {@code RaiseTimestampLimit(limit)} through the group's log and completes with
     *              the limit in effect once it is applied
     */
    TimestampAllocator(LongSupplier clockMillis, long windowMillis, LongFunction<CompletableFuture<Long>> raise) {
        this.clockMillis = clockMillis;
        this.windowTs = windowMillis << LOGICAL_BITS;
        this.raise = raise;
    }

    /**
     * Hands out {@code count} timestamps. Call only on the leader, after it confirmed its leadership
     * for {@code currentTerm} (a linearizable read), with {@code persistedLimit} the applied limit.
     */
    CompletableFuture<ShardReply> allocate(int count, long currentTerm, LongSupplier persistedLimit) {
        CompletableFuture<Void> wait;
        synchronized (this) {
            if (currentTerm != term) {
                term = currentTerm;
                limit = Math.max(limit, persistedLimit.getAsLong());
                next = Math.max(next, limit);
            }
            long base = Math.max(next, clockMillis.getAsLong() << LOGICAL_BITS);
            if (base + count <= limit) {
                next = base + count;
                return CompletableFuture.completedFuture(new ShardReply.Timestamps(base, count));
            }
            wait = raising;
            if (wait == null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                raising = wait = done;
                startRaise(base + count + windowTs, done);
            }
        }
        return wait.thenCompose(ignored -> allocate(count, currentTerm, persistedLimit));
    }

    /**
     * Proposes the raise; {@code done} completes only after {@link #raised} recorded the outcome, so the
     * allocations waiting on it retry with the new limit and no raise in flight (they would otherwise
     * find the finished raise still in flight and retry on it forever).
     */
    private void startRaise(long newLimit, CompletableFuture<Void> done) {
        try {
            raise.apply(newLimit).whenComplete((applied, error) -> raised(done, applied, error));
        } catch (RuntimeException e) {
            raised(done, null, e);
        }
    }

    private void raised(CompletableFuture<Void> done, Long applied, Throwable error) {
        synchronized (this) {
            if (raising == done) raising = null;
            if (applied != null) limit = Math.max(limit, applied);
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
    }
}
