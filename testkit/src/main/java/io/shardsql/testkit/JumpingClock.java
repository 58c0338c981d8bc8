package io.shardsql.testkit;

import io.shardsql.txn.spi.TxnClock;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * A node's wall clock that a test can jump forward or back, as an operator's {@code date -s} or a bad
 * NTP step would: {@link #wallMillis} is the system's plus an offset the test sets; the monotonic clock,
 * pauses and timers are the system's, untouched (a wall-clock step does not move them either). Give one
 * to a node with {@link MiniCluster.Builder#clock}.
 */
public final class JumpingClock implements TxnClock {
    private volatile long offsetMillis;

    /** Sets the clock {@code by} away from true time (negative: behind); replaces any earlier jump. */
    public void setOffset(Duration by) {
        offsetMillis = by.toMillis();
    }

    /** Moves the clock by {@code by} from where it is now (negative: back). */
    public void jump(Duration by) {
        offsetMillis += by.toMillis();
    }

    /** How far from true time the clock is. */
    public Duration offset() {
        return Duration.ofMillis(offsetMillis);
    }

    @Override
    public long wallMillis() { return SYSTEM.wallMillis() + offsetMillis; }

    @Override
    public long nanoTime() { return SYSTEM.nanoTime(); }

    @Override
    public void pause(long nanos) { SYSTEM.pause(nanos); }

    @Override
    public Executor after(long millis) { return SYSTEM.after(millis); }

    @Override
    public Repeating every(long periodMillis, Runnable task) { return SYSTEM.every(periodMillis, task); }
}
