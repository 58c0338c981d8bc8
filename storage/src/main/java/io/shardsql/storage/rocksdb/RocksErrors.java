package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import java.nio.file.Path;

/**
 * Turns RocksDB's statuses into {@link ShardSqlException}s: {@code Corruption} becomes
 * {@link ErrorCode#STORAGE_CORRUPTED}, an I/O error for want of space ({@code ENOSPC})
 * {@link ErrorCode#DISK_FULL}, everything else {@link ErrorCode#STORAGE_FAILURE}. Messages
 * name the store directory and the operation, so a log line says which shard replica is affected.
 */
final class RocksErrors {
    private RocksErrors() {}

    static ShardSqlException map(Path dir, String operation, RocksDBException e) {
        if (isCorruption(e)) {
            return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED,
                    "store " + dir + ": data is corrupted (found by " + operation + "): " + describe(e), e);
        }
        if (isNoSpace(e)) {
            return new ShardSqlException(ErrorCode.DISK_FULL, "store " + dir + ": " + operation
                    + " failed: the disk is full (" + describe(e) + ")", e);
        }
        return new ShardSqlException(ErrorCode.STORAGE_FAILURE, "store " + dir + ": " + operation + " failed: "
                + describe(e), e);
    }

    /** A record that does not decode: the bytes on disk are not what this code wrote. */
    static ShardSqlException corrupted(String message) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, message);
    }

    private static boolean isCorruption(RocksDBException e) {
        Status s = e.getStatus();
        return s != null && s.getCode() == Status.Code.Corruption;
    }

    /** RocksDB reports ENOSPC as an I/O error with sub-code {@code NoSpace} (or only in its message). */
    static boolean isNoSpace(RocksDBException e) {
        Status s = e.getStatus();
        if (s != null && s.getSubCode() == Status.SubCode.NoSpace) return true;
        return e.getMessage() != null && e.getMessage().contains("No space left on device");
    }

    private static String describe(RocksDBException e) {
        return e.getMessage() != null ? e.getMessage() : String.valueOf(e.getStatus());
    }
}
