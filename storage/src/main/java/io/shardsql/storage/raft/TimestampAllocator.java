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
 * Strictly increasing across leaders: no timestamp at or above the persisted <em>limit</em> is handed
 * out until a {@link ShardCommand.RaiseTimestampLimit} above it is applied. A leader in a new term
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
    private final long windowTs;
    private final Raise raise;

    private long term = -1;
    private boolean fenced;
    private long next;
    private long limit;
    private CompletableFuture<Long> raising;

    TimestampAllocator(LongSupplier clockMillis, long windowMillis, Raise raise) {
        this.clockMillis = clockMillis;
        this.windowTs = windowMillis << LOGICAL_BITS;
        this.raise = raise;
    }

    /** Hands out {@code count} consecutive timestamps; call only on the leader of {@code currentTerm}. */
    CompletableFuture<ShardReply> allocate(int count, long currentTerm) {
        CompletableFuture<Long> wait;
        synchronized (this) {
            if (currentTerm != term) {
                term = currentTerm;
                fenced = false;
            }
            long base = Math.max(next, clockMillis.getAsLong() << LOGICAL_BITS);
            if (fenced && base + count <= limit) {
                next = base + count;
                return CompletableFuture.completedFuture(new ShardReply.Timestamps(base, count));
            }
            if (raising == null) {
                long target = Math.max(base, limit) + count + windowTs;
                long raiseTerm = term;
                CompletableFuture<Long> r = raise.apply(target);
                raising = r;
                r.whenComplete((previous, error) -> raised(r, raiseTerm, target, previous));
            }
            wait = raising;
        }
        return wait.thenCompose(previous -> allocate(count, currentTerm));
    }

    private synchronized void raised(CompletableFuture<Long> r, long raiseTerm, long target, Long previous) {
        if (raising == r) raising = null;
        if (previous == null) return;
        next = Math.max(next, previous);
        limit = Math.max(limit, Math.max(previous, target));
        if (raiseTerm == term) fenced = true;
    }
}
