package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Lock;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Backs off while another transaction's lock is in the way, up to the lock-wait timeout. */
final class LockWait {
    private final long deadlineNanos;
    private final Duration timeout;
    private long pauseNanos = 2_000_000;

    LockWait(Duration timeout) {
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    boolean expired() { return System.nanoTime() >= deadlineNanos; }

    /** Pauses before the next attempt; throws {@code LOCK_WAIT_TIMEOUT} once the wait is over. */
    void pause(Lock blocking) {
        if (expired()) {
            throw new ShardSqlException(ErrorCode.LOCK_WAIT_TIMEOUT, "waited " + timeout.toMillis()
                    + " ms for the lock of transaction " + blocking.startTs() + "; retry the transaction");
        }
        LockSupport.parkNanos(Math.min(pauseNanos, Math.max(0, deadlineNanos - System.nanoTime())));
        pauseNanos = Math.min(pauseNanos * 2, 100_000_000);
    }
}
