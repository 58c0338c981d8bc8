package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Lock;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.MvccStoreContractTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The {@link MvccStoreContractTest} on RocksDB, plus what only RocksDB has: files, corruption, sharing. */
@Timeout(30)
class RocksMvccStoreTest extends MvccStoreContractTest {
    private static final long MIB = 1L << 20;
    private static RocksEnvironment env;

    @BeforeAll
    static void createEnvironment() {
        env = RocksEnvironment.create(new RocksSettings(16 * MIB, 8 * MIB, 8 * MIB, 2));
    }

    @AfterAll
    static void closeEnvironment() {
        env.close();
    }

    @Override
    protected MvccStore openStore(Path dir) {
        return RocksMvccStore.open(dir, env, false);
    }

    @Test
    void collectionVisitsMarkedKeysOnlyAndUnmarksAKeyLeftWithOneVersion() {
        put("marked", 10, "m@10");
        put("marked", 20, "m@20");
        unmarkedWrite(store, "unmarked", 10, "u@10");
        unmarkedWrite(store, "unmarked", 20, "u@20");

        assertThat(store.collectGarbage(30)).isEqualTo(1);
        assertThat(store.get(b("unmarked"), 15)).contains(entry("unmarked", "u@10", 10));

        unmarkedWrite(store, "marked", 40, "m@40"); // written without a mark: no longer a candidate
        assertThat(store.collectGarbage(50)).isZero();
        assertThat(store.get(b("marked"), 30)).contains(entry("marked", "m@20", 20));
    }

    @Test
    void aKeyStaysMarkedWhileItHasALockOrVersionsAboveTheSafePoint() {
        put("locked", 10, "l@10");
        putLock("locked", new Lock(15, b("locked"), b("x"), 1));
        put("above", 10, "a@10");
        put("above", 40, "a@40");
        put("above", 50, "a@50");

        assertThat(store.collectGarbage(20)).isZero();
        unmarkedWrite(store, "locked", 30, "l@30"); // the lock's transaction committing, as a resolve would

        assertThat(store.collectGarbage(45)).isEqualTo(2); // l@10, a@10; a@40 is the newest at 45
        assertThat(store.collectGarbage(60)).isEqualTo(1); // a@40
        assertThat(store.get(b("above"), 60)).contains(entry("above", "a@50", 50));
    }

    /**
     * A store that predates the candidates family (opened here from a bare RocksDB directory) has no
     * candidates flag: its first collection walks every key, keeps marked what may still hold garbage,
     * and sets the flag, so later collections visit candidates only.
     */
    @Test
    void aStoreWithoutTheCandidatesFlagIsWalkedWholeOnce() throws Exception {
        Path dir = tempDir.resolve("legacy");
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true)) {
            RocksDB.open(options, dir.toString()).close();
        }
        try (RocksMvccStore legacy = RocksMvccStore.open(dir, env, false)) {
            unmarkedWrite(legacy, "a", 10, "a@10");
            unmarkedWrite(legacy, "a", 20, "a@20");
            unmarkedWrite(legacy, "b", 10, "b@10");
            unmarkedWrite(legacy, "b", 30, "b@30");
            unmarkedWrite(legacy, "c", 10, "c@10");

            assertThat(legacy.collectGarbage(25)).isEqualTo(1); // a@10; b@30 is above the safe point
            assertThat(legacy.collectGarbage(35)).isEqualTo(1); // b@10: b stayed marked
            unmarkedWrite(legacy, "c", 40, "c@40");
            assertThat(legacy.collectGarbage(50)).isZero(); // the walk was once: c, never marked, is not visited
        }
    }

    private static void unmarkedWrite(MvccStore target, String key, long commitTs, String value) {
        try (MvccBatch batch = target.newBatch()) {
            batch.writeVersion(b(key), commitTs, b(value));
            batch.commit();
        }
    }

    @Test
    void aCorruptedSstFileIsReportedAsCorruption() throws IOException {
        Path dir = tempDir.resolve("corrupt");
        Path sst = writeFlushedStore(dir);
        try (RandomAccessFile file = new RandomAccessFile(sst.toFile(), "rw")) {
            byte[] garbage = new byte[64];
            new Random(7).nextBytes(garbage);
            file.seek(file.length() / 2);
            file.write(garbage);
        }
        assertCorrupted(() -> {
            try (RocksMvccStore store = RocksMvccStore.open(dir, env, false)) {
                store.verifyChecksums();
            }
        });
    }

    @Test
    void aTruncatedSstFileFailsToOpenAsCorruption() throws IOException {
        Path dir = tempDir.resolve("truncated");
        Path sst = writeFlushedStore(dir);
        try (RandomAccessFile file = new RandomAccessFile(sst.toFile(), "rw")) {
            file.setLength(file.length() / 2);
        }
        assertCorrupted(() -> RocksMvccStore.open(dir, env, false).close());
    }

    @Test
    void aMissingSstFileFailsToOpenAsCorruption() throws IOException {
        Path dir = tempDir.resolve("missing");
        Files.delete(writeFlushedStore(dir));
        assertCorrupted(() -> RocksMvccStore.open(dir, env, false).close());
    }

    @Test
    void storesShareOneEnvironmentAndKeepTheirDataApart() {
        try (RocksEnvironment shared = RocksEnvironment.create(new RocksSettings(8 * MIB, 4 * MIB, 8 * MIB, 1))) {
            RocksMvccStore[] stores = new RocksMvccStore[3];
            for (int i = 0; i < stores.length; i++) {
                stores[i] = RocksMvccStore.open(tempDir.resolve("shard-" + i), shared, false);
                write(stores[i], "k", 10, "from shard " + i);
            }
            assertThat(shared.openStores()).isEqualTo(3);
            assertThat(shared.blockCacheUsageBytes()).isPositive();
            for (int i = 0; i < stores.length; i++) {
                assertThat(stores[i].get(b("k"), 10)).contains(entry("k", "from shard " + i, 10));
            }
            for (RocksMvccStore s : stores) s.close();
            assertThat(shared.openStores()).isZero();
        }
    }

    @Test
    void aClosedEnvironmentOpensNoStores() {
        RocksEnvironment closed = RocksEnvironment.create(new RocksSettings(8 * MIB, 4 * MIB, 8 * MIB, 1));
        closed.close();
        closed.close();
        ShardSqlException e = catchThrowableOfType(ShardSqlException.class,
                () -> RocksMvccStore.open(tempDir.resolve("late"), closed, false));
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
    }

    @Test
    void aDirectoryCanBeOpenedByOneStoreAtATime() {
        ShardSqlException e = catchThrowableOfType(ShardSqlException.class,
                () -> RocksMvccStore.open(((RocksMvccStore) store).directory(), env, false));
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(env.openStores()).isEqualTo(1);
    }

    @Test
    void aClosedStoreFailsCleanlyInsteadOfCrashing() {
        MvccBatch batch = store.newBatch();
        batch.writeVersion(b("a"), 10, b("v"));
        store.close();

        assertThat(catchThrowableOfType(ShardSqlException.class, () -> store.get(b("a"), 10)).code())
                .isEqualTo(ErrorCode.STORAGE_FAILURE);
        assertThat(catchThrowableOfType(ShardSqlException.class, batch::commit).code())
                .isEqualTo(ErrorCode.STORAGE_FAILURE);
        batch.close();
        assertThatThrownBy(store::newBatch).isInstanceOf(ShardSqlException.class);
    }

    @Test
    void closingWhileReadersRunStopsThemWithAnErrorNotACrash() throws Exception {
        for (int i = 0; i < 100; i++) put("k" + i, 10, "v" + i);
        ExecutorService readers = Executors.newFixedThreadPool(3);
        try {
            List<Future<ShardSqlException>> outcomes = new ArrayList<>();
            for (int t = 0; t < 3; t++) outcomes.add(readers.submit(() -> readUntilClosed(store)));
            Thread.sleep(50);
            store.close();
            for (Future<ShardSqlException> outcome : outcomes) {
                assertThat(outcome.get(10, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.STORAGE_FAILURE);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private static ShardSqlException readUntilClosed(MvccStore target) {
        while (true) {
            try {
                assertThat(target.scan(b("k"), null, 10, 20)).hasSize(20);
                assertThat(target.get(b("k7"), 10)).isPresent();
            } catch (ShardSqlException e) {
                return e;
            }
        }
    }

    @Test
    void aSyncedStoreKeepsItsCommitsAcrossReopen() {
        Path dir = tempDir.resolve("synced");
        try (RocksMvccStore synced = RocksMvccStore.open(dir, env, true)) {
            write(synced, "k", 10, "durable");
        }
        try (RocksMvccStore reopened = RocksMvccStore.open(dir, env, true)) {
            assertThat(reopened.get(b("k"), 10)).contains(entry("k", "durable", 10));
        }
    }

    @Test
    void timestampsOutsideTheirDomainAreRejected() {
        try (MvccBatch batch = store.newBatch()) {
            assertThatThrownBy(() -> batch.writeVersion(b("a"), 0, b("v"))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> batch.writeVersion(b("a"), -5, b("v"))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> store.get(b("a"), -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.scan(b("a"), null, -1, 10)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataMovedToSstFilesReadsTheSame() {
        for (int ts = 10; ts <= 50; ts += 10) {
            for (int k = 0; k < 50; k++) put("key-" + k, ts, "v" + k + "@" + ts);
        }
        var before = store.scan(b(""), null, 35, 1_000);
        ((RocksMvccStore) store).flush();
        assertThat(store.scan(b(""), null, 35, 1_000)).isEqualTo(before).hasSize(50);
        assertThat(store.collectGarbage(35)).isEqualTo(50 * 2);
        ((RocksMvccStore) store).flush();
        assertThat(store.scan(b(""), null, 35, 1_000)).isEqualTo(before);
    }

    /** A store with one flushed SST file of about 300 KiB of incompressible values; returns that file. */
    private static Path writeFlushedStore(Path dir) throws IOException {
        Random random = new Random(42);
        try (RocksMvccStore store = RocksMvccStore.open(dir, env, false); MvccBatch batch = store.newBatch()) {
            for (int i = 0; i < 3_000; i++) {
                byte[] value = new byte[100];
                random.nextBytes(value);
                batch.writeVersion(b(String.format("key-%05d", i)), 10, value);
            }
            batch.commit();
            store.flush();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".sst"))
                    .max(Comparator.comparingLong(RocksMvccStoreTest::size))
                    .orElseThrow();
        }
    }

    @Test
    void aReadOnlyOpenOfACheckpointReadsItAndChangesNoFile() throws Exception {
        put("a", 10, "a10");
        putLock("b", new Lock(20, b("o"), b("b20"), 1_000));
        Path cp = tempDir.resolve("cp");
        store.checkpoint(cp);
        List<String> before = listing(cp);
        try (RocksMvccStore ro = RocksMvccStore.openReadOnly(cp, env)) {
            assertThat(ro.get(b("a"), 99)).isPresent();
            assertThat(ro.lock(b("b"))).isPresent();
            assertThatThrownBy(() -> {
                try (MvccBatch batch = ro.newBatch()) {
                    batch.writeVersion(b("c"), 30, b("c"));
                    batch.commit();
                }
            }).isInstanceOf(ShardSqlException.class);
        }
        assertThat(listing(cp)).isEqualTo(before);
        assertThatThrownBy(() -> RocksMvccStore.openReadOnly(tempDir.resolve("none"), env))
                .isInstanceOf(ShardSqlException.class);
        assertThat(Files.exists(tempDir.resolve("none"))).isFalse();
    }

    /** Every file of {@code dir} with its size and modification time. */
    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().map(p -> p.getFileName() + " " + size(p) + " " + p.toFile().lastModified()).toList();
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void write(MvccStore target, String key, long commitTs, String value) {
        try (MvccBatch batch = target.newBatch()) {
            batch.writeVersion(b(key), commitTs, b(value));
            batch.markGarbageCandidate(b(key));
            batch.commit();
        }
    }

    private static void assertCorrupted(ThrowingCallable action) {
        ShardSqlException e = catchThrowableOfType(ShardSqlException.class, action);
        assertThat(e).as("expected STORAGE_CORRUPTED").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_CORRUPTED);
        assertThat(e.getMessage()).contains("corrupt");
    }
}
