package io.shardsql.server.endpoint;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One connection's idle-in-transaction clock ({@code sql.idle-in-transaction-timeout}): armed after a
 * request that leaves the session holding a transaction open, disarmed when the next request arrives.
 * If it runs out first, {@code onExpiry} runs on the connection's serial executor — after every request
 * queued before it, so an expiry that loses the race with a request is ignored (each arming is numbered).
 *
 * <p>{@link #arm} and {@link #disarm} run on the connection's serial executor only.
 */
final class IdleInTransactionTimer {
    private final ScheduledExecutorService timer;
    private final Executor serial;
    private final Runnable onExpiry;
    private ScheduledFuture<?> pending;
    private long arming;

    IdleInTransactionTimer(ScheduledExecutorService timer, Executor serial, Runnable onExpiry) {
        this.timer = timer;
        this.serial = serial;
        this.onExpiry = onExpiry;
    }

    /** Starts the clock (again) to run out after {@code timeout}; nothing if it is zero (off). */
    void arm(Duration timeout) {
        disarm();
        long millis = timeout.toMillis();
        if (millis <= 0) return;
        long mine = arming;
        pending = timer.schedule(() -> serial.execute(() -> {
            if (mine != arming || pending == null) return; // a request came meanwhile
            pending = null;
            onExpiry.run();
        }), millis, TimeUnit.MILLISECONDS);
    }

    /** Stops the clock: the session is busy again, or gone. */
    void disarm() {
        arming++;
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
