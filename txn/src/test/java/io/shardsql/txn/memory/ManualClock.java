package io.shardsql.txn.memory;

import io.shardsql.txn.spi.TxnClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TxnClock} that moves only when told: by {@link #advanceMillis}, and by every pause or delayed
 * task, which advance it by their delay and return (run) at once. Wall and monotonic time move together.
 * Repeated tasks ({@link #every}) run, on the thread that moves the clock, each time their period comes
 * round — once per period passed, in time order — and not again while one of them is moving the clock.
 */
public final class ManualClock implements TxnClock {
    private final AtomicLong nanos = new AtomicLong();
    private final long wallOffsetMillis;
    private final List<Periodic> periodic = new ArrayList<>();
    private boolean runningPeriodic;

    /** A clock whose wall time starts at {@code startMillis}. */
    public ManualClock(long startMillis) {
        this.wallOffsetMillis = startMillis;
    }

    public void advanceMillis(long millis) {
        moveBy(millis * 1_000_000);
    }

    @Override
    public long wallMillis() { return wallOffsetMillis + nanos.get() / 1_000_000; }

    @Override
    public long nanoTime() { return nanos.get(); }

    @Override
    public void pause(long pauseNanos) { moveBy(Math.max(0, pauseNanos)); }

    @Override
    public Executor after(long millis) {
        return task -> {
            advanceMillis(millis);
            task.run();
        };
    }

    @Override
    public synchronized Repeating every(long periodMillis, Runnable task) {
        if (periodMillis <= 0) throw new IllegalArgumentException("period " + periodMillis);
        Periodic p = new Periodic(task, periodMillis * 1_000_000, nanos.get() + periodMillis * 1_000_000);
        periodic.add(p);
        return () -> {
            synchronized (this) {
                periodic.remove(p);
            }
        };
    }

    /** How many repeated tasks are scheduled. */
    public synchronized int repeating() { return periodic.size(); }

    /** Moves time forward step by step, running each repeated task at the times it is due. */
    private void moveBy(long deltaNanos) {
        long target = nanos.get() + deltaNanos;
        while (true) {
            Periodic due = nextDue(target);
            if (due == null) break;
            nanos.set(Math.max(nanos.get(), due.nextNanos));
            due.nextNanos += due.periodNanos;
            runGuarded(due.task);
        }
        nanos.set(Math.max(nanos.get(), target));
    }

    private synchronized Periodic nextDue(long target) {
        if (runningPeriodic) return null;
        Periodic first = null;
        for (Periodic p : periodic) if (p.nextNanos <= target && (first == null || p.nextNanos < first.nextNanos)) first = p;
        return first;
    }

    private void runGuarded(Runnable task) {
        synchronized (this) {
            runningPeriodic = true;
        }
        try {
            task.run();
        } finally {
            synchronized (this) {
                runningPeriodic = false;
            }
        }
    }

    private static final class Periodic {
        final Runnable task;
        final long periodNanos;
        long nextNanos;

        Periodic(Runnable task, long periodNanos, long nextNanos) {
            this.task = task;
            this.periodNanos = periodNanos;
            this.nextNanos = nextNanos;
        }
    }
}
