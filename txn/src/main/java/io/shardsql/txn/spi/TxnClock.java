package io.shardsql.txn.spi;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The time the transaction layer reads and waits on: wall-clock millis (decision times, recovery grace),
 * a monotonic nano clock (deadlines, transaction age), pauses and delayed execution (lock waits, retry
 * backoff). {@link #SYSTEM} is the JVM's; a test passes one it moves itself.
 */
public interface TxnClock {
    /** The system clocks, {@link LockSupport#parkNanos} and {@link CompletableFuture#delayedExecutor}. */
    TxnClock SYSTEM = new TxnClock() {
        @Override
        public long wallMillis() { return System.currentTimeMillis(); }

        @Override
        public long nanoTime() { return System.nanoTime(); }

        @Override
        public void pause(long nanos) { LockSupport.parkNanos(nanos); }

        @Override
        public Executor after(long millis) { return CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS); }
    };

    /** Wall-clock time in milliseconds since the epoch. */
    long wallMillis();

    /** A monotonic time in nanoseconds, for elapsed times only (as {@link System#nanoTime()}). */
    long nanoTime();

    /** Pauses the calling thread for about {@code nanos}. */
    void pause(long nanos);

    /** An executor that runs each task about {@code millis} from now. */
    Executor after(long millis);
}
