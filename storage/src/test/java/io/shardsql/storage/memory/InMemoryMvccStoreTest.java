package io.shardsql.storage.memory;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.MvccStoreContractTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@link MvccStoreContractTest} on the in-memory store, plus its store file's damage checks. */
@Timeout(30)
class InMemoryMvccStoreTest extends MvccStoreContractTest {

    @Override
    protected MvccStore openStore(Path dir) {
        return InMemoryMvccStore.open(dir);
    }

    @Test
    void aReadOnlyOpenReadsTheStoreFileAndNeverWritesIt() throws Exception {
        put("a", 10, "a10");
        Path cp = tempDir.resolve("cp");
        store.checkpoint(cp);
        Path file = cp.resolve("memstore.bin");
        long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        Thread.sleep(20);
        try (InMemoryMvccStore ro = InMemoryMvccStore.openReadOnly(cp)) {
            assertThat(ro.get(b("a"), 10)).isPresent();
            assertThatThrownBy(ro::newBatch).isInstanceOf(ShardSqlException.class);
        }
        assertThat(java.nio.file.Files.readAllBytes(file)).isEqualTo(bytes);
        assertThat(java.nio.file.Files.getLastModifiedTime(file).toMillis()).isEqualTo(modified);
        assertThatThrownBy(() -> InMemoryMvccStore.openReadOnly(tempDir.resolve("none")))
                .isInstanceOf(ShardSqlException.class);
    }

    @Test
    void aDamagedStoreFileIsReportedAsCorrupted() throws IOException {
        for (int i = 0; i < 20; i++) put("key" + i, 10, "value-" + i);
        Path dir = tempDir.resolve("store");
        store.close();
        Path file = dir.resolve(StoreFile.NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5a;
        Files.write(file, bytes);

        assertThatThrownBy(() -> InMemoryMvccStore.open(dir))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED));
        store = null;
    }

    @Test
    void aTruncatedStoreFileIsReportedAsCorrupted() throws IOException {
        put("a", 10, "v");
        Path dir = tempDir.resolve("store");
        store.close();
        Path file = dir.resolve(StoreFile.NAME);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));

        assertThatThrownBy(() -> InMemoryMvccStore.open(dir))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED));
        store = null;
    }

    @Test
    void aStoreWithoutADirectoryKeepsNothingAfterClose() {
        InMemoryMvccStore memory = InMemoryMvccStore.create();
        try (var batch = memory.newBatch()) {
            batch.writeVersion(b("a"), 10, b("v"));
            batch.commit();
        }
        assertThat(memory.get(b("a"), 10)).isPresent();
        assertThat(memory.directory()).isEmpty();
        memory.close();
        assertThatThrownBy(() -> memory.get(b("a"), 10)).isInstanceOf(ShardSqlException.class);
    }
}
