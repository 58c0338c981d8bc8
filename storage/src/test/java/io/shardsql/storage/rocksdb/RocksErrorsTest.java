package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import org.junit.jupiter.api.Test;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How RocksDB's statuses become error codes; a full disk is its own (SQLState 53100). */
class RocksErrorsTest {
    private static final Path DIR = Path.of("/data/n1/raft/g/sm/db");

    @Test
    void noSpaceIsDiskFull() {
        RocksDBException e = new RocksDBException("While appending to file: 000004.log: No space left on device",
                new Status(Status.Code.IOError, Status.SubCode.NoSpace, "No space left on device"));

        var mapped = RocksErrors.map(DIR, "commit", e);

        assertThat(mapped.code()).isEqualTo(ErrorCode.DISK_FULL);
        assertThat(mapped.code().sqlState()).isEqualTo("53100");
        assertThat(mapped.getMessage()).contains(DIR.toString(), "commit", "the disk is full");
    }

    @Test
    void anIoErrorThatSaysSoOnlyInItsMessageIsDiskFullToo() {
        RocksDBException e = new RocksDBException("IO error: No space left on device");

        assertThat(RocksErrors.map(DIR, "flush", e).code()).isEqualTo(ErrorCode.DISK_FULL);
    }

    @Test
    void otherFailuresKeepTheirCodes() {
        RocksDBException io = new RocksDBException("IO error: Input/output error",
                new Status(Status.Code.IOError, Status.SubCode.None, "Input/output error"));
        RocksDBException corrupt = new RocksDBException("Corruption: block checksum mismatch",
                new Status(Status.Code.Corruption, Status.SubCode.None, "block checksum mismatch"));

        assertThat(RocksErrors.map(DIR, "get", io).code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(RocksErrors.map(DIR, "get", corrupt).code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED);
    }
}
