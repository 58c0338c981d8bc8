package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Lock;
import io.shardsql.txn.spi.TxnClock;

import java.time.Duration;

/** Backs off while another transaction's lock is in the way, up to the lock-wait timeout. */
final class LockWait {
    private final long deadlineNanos;
    private final Duration timeout;
    private final TxnClock clock;
    private long pauseNanos = 2_000_000;

    LockWait(Duration timeout, TxnClock clock) {
        this.timeout = timeout;
        this.clock = clock;
        this.deadlineNanos = clock.nanoTime() + timeout.toNanos();
    }

    boolean expired() { return clock.nanoTime() >= deadlineNanos; }

    /** Pauses before the next attempt; throws {@code LOCK_WAIT_TIMEOUT} once the wait is over. */
    void pause(Lock blocking) {
        if (expired()) {
            throw new ShardSqlException(ErrorCode.LOCK_WAIT_TIMEOUT, "waited " + timeout.toMillis()
                    + " ms for the lock of transaction " + blocking.startTs() + "; retry the transaction");
        }
        clock.pause(Math.min(pauseNanos, Math.max(0, deadlineNanos - clock.nanoTime())));
        pauseNanos = Math.min(pauseNanos * 2, 100_000_000);
    }
}
