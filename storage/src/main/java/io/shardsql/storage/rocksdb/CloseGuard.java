package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Keeps native handles from being used after they are freed: every operation runs between
 * {@link #enter} and {@link #leave} (shared), and {@link #close} (exclusive) waits for running
 * operations to finish and makes later ones fail with {@link ErrorCode#STORAGE_FAILURE} instead of
 * crashing the JVM.
 */
final class CloseGuard {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final String name;
    private boolean closed;

    CloseGuard(String name) {
        this.name = name;
    }

    void enter() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, name + " is closed");
        }
    }

    void leave() {
        lock.readLock().unlock();
    }

    /** Marks the guard closed once running operations have left; {@code false} if it already was. */
    boolean close() {
        lock.writeLock().lock();
        try {
            if (closed) return false;
            closed = true;
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }
}
