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
    private final long windowTs;
    private final Raise raise;

    private long term = -1;
    private boolean fenced;
    private long next;
    private long limit;
    /** Completes once the raise in flight has been accounted for; null if none is in flight. */
    private CompletableFuture<Void> raising;

    TimestampAllocator(LongSupplier clockMillis, long windowMillis, Raise raise) {
        this.clockMillis = clockMillis;
        this.windowTs = windowMillis << LOGICAL_BITS;
        this.raise = raise;
    }

    /** Hands out {@code count} consecutive timestamps; call only on the leader of {@code currentTerm}. */
    CompletableFuture<ShardReply> allocate(int count, long currentTerm) {
        CompletableFuture<Void> wait;
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
            }
        }
        if (error != null) {
            done.completeExceptionally(error);
        } else {
            done.complete(null);
        }
    }
}
