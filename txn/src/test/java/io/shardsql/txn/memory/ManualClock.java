package io.shardsql.txn.memory;

import io.shardsql.txn.spi.TxnClock;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TxnClock} that moves only when told: by {@link #advanceMillis}, and by every pause or delayed
 * task, which advance it by their delay and return (run) at once. Wall and monotonic time move together.
 */
public final class ManualClock implements TxnClock {
    private final AtomicLong nanos = new AtomicLong();
    private final long wallOffsetMillis;

    /** A clock whose wall time starts at {@code startMillis}. */
    public ManualClock(long startMillis) {
        this.wallOffsetMillis = startMillis;
    }

    public void advanceMillis(long millis) {
        nanos.addAndGet(millis * 1_000_000);
    }

    @Override
    public long wallMillis() { return wallOffsetMillis + nanos.get() / 1_000_000; }

    @Override
    public long nanoTime() { return nanos.get(); }

    @Override
    public void pause(long pauseNanos) { nanos.addAndGet(Math.max(0, pauseNanos)); }

    @Override
    public Executor after(long millis) {
        return task -> {
            advanceMillis(millis);
            task.run();
        };
    }
}
