package io.shardsql.txn.log;

import io.shardsql.storage.raft.command.ShardReply;

import java.util.concurrent.CompletableFuture;
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
 * Strictly increasing across leaders: no timestamp at or above the persisted <em>limit</em> is handed
 * out until a {@link TxnCommand.RaiseTimestampLimit} above it is applied. A leader in a new term
 * hands out nothing before its own first raise is applied; that raise replies with the limit it
 * replaced — the highest any predecessor could have used, since it is applied after all their
 * entries — and the leader continues above it. The limit is raised a window ahead of need, so one
 * Raft entry covers a few seconds of timestamps.
 */
final class TimestampAllocator {
    static final int LOGICAL_BITS = 18;

    /** Proposes {@code RaiseTimestampLimit(limit)}; completes with the limit it replaced once applied. */
    interface Raise {
        CompletableFuture<Long> apply(long limit);
    }

    private final LongSupplier clockMillis;
    private final LongSupplier nanoTime;
    private final long windowMillis;
    private final long windowTs;
    private final Raise raise;

    private long term = -1;
    private boolean fenced;
    private long next;
    private long limit;
    /** Completes once the raise in flight has been accounted for; null if none is in flight. */
    private CompletableFuture<Void> raising;
    /** The oracle's time (millis) at {@link #anchorNanos}; {@link Long#MIN_VALUE} before the first reading. */
    private long anchorMillis = Long.MIN_VALUE;
    private long anchorNanos;

    /**
     * @param clockMillis the leader's wall clock
     * @param nanoTime    a monotonic clock in nanoseconds (elapsed time only)
     */
    TimestampAllocator(LongSupplier clockMillis, LongSupplier nanoTime, long windowMillis, Raise raise) {
        this.clockMillis = clockMillis;
        this.nanoTime = nanoTime;
        this.windowMillis = windowMillis;
        this.windowTs = windowMillis << LOGICAL_BITS;
        this.raise = raise;
    }

    /**
     * The oracle's time now, in millis: the wall clock, unless the time last read (or carried over from a
     * predecessor) plus the monotonic time elapsed since is later. Call holding this object's lock.
     */
    private long physicalNow() {
        long wall = clockMillis.getAsLong();
        long nanos = nanoTime.getAsLong();
        long carried = anchorMillis == Long.MIN_VALUE ? Long.MIN_VALUE
                : anchorMillis + (nanos - anchorNanos) / 1_000_000;
        if (wall >= carried) {
            anchorMillis = wall;
            anchorNanos = nanos;
            return wall;
        }
        return carried;
    }

    /** Carries the oracle's time on from at least {@code millis} (now); call holding this object's lock. */
    private void carryFrom(long millis) {
        physicalNow();
        long nanos = nanoTime.getAsLong();
        long carried = anchorMillis + (nanos - anchorNanos) / 1_000_000;
        if (millis > carried) {
            anchorMillis = millis;
            anchorNanos = nanos;
        }
    }

    /** Hands out {@code count} consecutive timestamps; call only on the leader of {@code currentTerm}. */
    CompletableFuture<ShardReply> allocate(int count, long currentTerm) {
        CompletableFuture<Void> wait;
        synchronized (this) {
            if (currentTerm != term) {
                term = currentTerm;
                fenced = false;
            }
            long base = Math.max(next, physicalNow() << LOGICAL_BITS);
            if (fenced && base + count <= limit) {
                next = base + count;
                return CompletableFuture.completedFuture(new ShardReply.Timestamps(base, count));
            }
            wait = raising;
            if (wait == null) {
                CompletableFuture<Void> done = new CompletableFuture<>();
                raising = wait = done;
                startRaise(Math.max(base, limit) + count + windowTs, term, done);
            }
        }
        return wait.thenCompose(ignored -> allocate(count, currentTerm));
    }

    /**
     * Proposes the raise; {@code done} completes only after {@link #raised} recorded the outcome, so the
     * allocations waiting on it retry with the new limit and no raise in flight (they would otherwise
     * find the finished raise still in flight and retry on it forever).
     */
    private void startRaise(long target, long raiseTerm, CompletableFuture<Void> done) {
        try {
            raise.apply(target).whenComplete((previous, error) -> raised(done, raiseTerm, target, previous, error));
        } catch (RuntimeException e) {
            raised(done, raiseTerm, target, null, e);
        }
    }

    private void raised(CompletableFuture<Void> done, long raiseTerm, long target, Long previous, Throwable error) {
        synchronized (this) {
            if (raising == done) raising = null;
            if (previous != null) {
                next = Math.max(next, previous);
                limit = Math.max(limit, Math.max(previous, target));
                if (raiseTerm == term) fenced = true;
                // the predecessor's time when it raised the limit it left (a window ahead), at least
                carryFrom((previous >>> LOGICAL_BITS) - windowMillis);
            }
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
    }
}
