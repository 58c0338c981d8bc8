package io.shardsql.txn.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time the transaction layer reads and waits on: wall-clock millis (decision times, recovery grace),
 * a monotonic nano clock (deadlines, transaction age), pauses, delayed execution (lock waits, retry
 * backoff) and repeated execution (lock heartbeats). {@link #SYSTEM} is the JVM's; a test passes one it
 * moves itself.
 */
public interface TxnClock {
    /**
     * The system clocks, {@link LockSupport#parkNanos}, {@link CompletableFuture#delayedExecutor} and one
     * shared daemon timer thread for repeated tasks (which must not block: they start asynchronous work).
     */
    TxnClock SYSTEM = new TxnClock() {
        @Override
        public long wallMillis() { return System.currentTimeMillis(); }

        @Override
        public long nanoTime() { return System.nanoTime(); }

        @Override
        public void pause(long nanos) { LockSupport.parkNanos(nanos); }

        @Override
        public Executor after(long millis) { return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS); }

        @Override
        public Repeating every(long periodMillis, Runnable task) {
            ScheduledFuture<?> f = SystemTimer.INSTANCE.scheduleAtFixedRate(task, periodMillis, periodMillis,
                    TimeUnit.MILLISECONDS);
            return () -> f.cancel(false);
        }
    };

    /** A task run again and again until cancelled. */
    @FunctionalInterface
    interface Repeating {
        /** Runs it no more (a run under way finishes). */
        void cancel();
    }

    /** Wall-clock time in milliseconds since the epoch. */
    long wallMillis();

    /** A monotonic time in nanoseconds, for elapsed times only (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Pauses the calling thread for about {@code nanos}. */
    void pause(long nanos);

    /** An executor that runs each task about {@code millis} from now. */
    Executor after(long millis);

    /**
     * Runs {@code task} every {@code periodMillis}, the first time one period from now, until the
     * returned handle is cancelled. The task must not block.
     */
    Repeating every(long periodMillis, Runnable task);
}
