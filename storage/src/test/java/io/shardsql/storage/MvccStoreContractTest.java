package io.shardsql.storage;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * What every {@link MvccStore} must do, as tests. An implementation's test extends this class and
 * says how to open a store in a directory; {@link #reopenStore} is the hook for durability tests.
 *
 * <p>Keys and values in these tests are ISO-8859-1 strings, so {@code "a\0"} is the two bytes
 * {@code 61 00} and {@code "\u00ff"} the byte {@code FF}.
 */
@Timeout(30)
public abstract class MvccStoreContractTest {

    @TempDir
    protected Path tempDir;
    protected MvccStore store;
    private Path storeDir;

    /** Opens (creating if needed) the store kept in {@code dir}. */
    protected abstract MvccStore openStore(Path dir);

    /** Closes {@code open} and opens the store in {@code dir} again, as after a restart. */
    protected MvccStore reopenStore(MvccStore open, Path dir) {
        open.close();
        return openStore(dir);
    }

    @BeforeEach
    void openFreshStore() {
        storeDir = tempDir.resolve("store");
        store = openStore(storeDir);
    }

    @AfterEach
    void closeStore() {
        if (store != null) store.close();
    }

    protected final void reopen() {
        store = reopenStore(store, storeDir);
    }

    // ---------------------------------------------------------------- versions and visibility

    @Test
    void firstChangedKeyFindsAVersionCommittedInsideTheWindowOnly() {
        put("a", 10, "old");
        put("b", 10, "old");
        put("b", 25, "changed");   // inside (20, 30]
        put("c", 10, "old");
        put("c", 40, "later");     // above the window
        delete("d", 30);           // a delete counts, at the window's top
        put("e", 20, "at the bottom"); // at afterTs: read by the snapshot, not a change

        assertThat(text(store.firstChangedKey(b("a"), null, 20, 30))).isEqualTo("b");
        assertThat(text(store.firstChangedKey(b("b\0"), null, 20, 30))).isEqualTo("d");
        assertThat(store.firstChangedKey(b("c"), b("d"), 20, 30)).isNull();
        assertThat(store.firstChangedKey(b("e"), null, 20, 30)).isNull();
        assertThat(store.firstChangedKey(b("a"), null, 30, 30)).isNull();
        assertThat(text(store.firstChangedKey(b(""), null, 30, 45))).isEqualTo("c");
    }

    @Test
    void getSeesTheNewestVersionAtOrBelowTheReadTimestamp() {
        put("a", 10, "v10");
        put("a", 20, "v20");
        put("a", 30, "v30");

        assertThat(store.get(b("a"), 9)).isEmpty();
        assertThat(store.get(b("a"), 10)).contains(entry("a", "v10", 10));
        assertThat(store.get(b("a"), 19)).contains(entry("a", "v10", 10));
        assertThat(store.get(b("a"), 20)).contains(entry("a", "v20", 20));
        assertThat(store.get(b("a"), 29)).contains(entry("a", "v20", 20));
        assertThat(store.get(b("a"), Long.MAX_VALUE)).contains(entry("a", "v30", 30));
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(30);
    }

    @Test
    void versionsWrittenInAnyOrderAreReadNewestFirst() {
        put("a", 30, "v30");
        put("a", 10, "v10");
        put("a", 20, "v20");

        assertThat(store.get(b("a"), 15)).contains(entry("a", "v10", 10));
        assertThat(store.get(b("a"), 25)).contains(entry("a", "v20", 20));
        assertThat(store.get(b("a"), 35)).contains(entry("a", "v30", 30));
        assertThat(store.scan(b(""), null, 25, 10)).containsExactly(entry("a", "v20", 20));
    }

    @Test
    void aDeleteHidesTheKeyFromItsCommitTimestampOn() {
        put("a", 10, "v10");
        delete("a", 20);
        put("a", 30, "v30");
        delete("never-written", 5);

        assertThat(store.get(b("a"), 15)).contains(entry("a", "v10", 10));
        assertThat(store.get(b("a"), 20)).isEmpty();
        assertThat(store.get(b("a"), 29)).isEmpty();
        assertThat(store.get(b("a"), 30)).contains(entry("a", "v30", 30));
        assertThat(store.scan(b(""), null, 25, 10)).isEmpty();
        assertThat(store.latestCommitTs(b("never-written"))).isEqualTo(5);
        assertThat(store.get(b("never-written"), 10)).isEmpty();
    }

    @Test
    void aMissingKeyHasNoValueAndNoCommitTimestamp() {
        put("b", 10, "v");
        assertThat(store.get(b("a"), 100)).isEmpty();
        assertThat(store.get(b("bb"), 100)).isEmpty();
        assertThat(store.latestCommitTs(b("a"))).isZero();
        assertThat(store.lock(b("a"))).isEmpty();
    }

    @Test
    void anEmptyValueIsAValueNotADelete() {
        put("a", 10, "");
        assertThat(store.get(b("a"), 10)).contains(entry("a", "", 10));
    }

    @Test
    void keysThatArePrefixesOfEachOtherKeepTheirOrderAndVersions() {
        List<String> keys = List.of("", "\0", "a", "a\0", "a\0\0", "a\0\u0001", "ab", "a\u00ff", "\u00ff");
        for (String k : keys) {
            put(k, 10, k + "@10");
            put(k, 20, k + "@20");
            put(k, 30, k + "@30");
        }
        delete("a\0", 25);

        assertThat(store.scan(b(""), null, 15, 100)).containsExactlyElementsOf(entries(keys, 10));
        List<String> withoutDeleted = new ArrayList<>(keys);
        withoutDeleted.remove("a\0");
        assertThat(store.scan(b(""), null, 27, 100)).containsExactlyElementsOf(entries(withoutDeleted, 20));
        assertThat(store.scan(b(""), null, 35, 100)).containsExactlyElementsOf(entries(keys, 30));
        assertThat(store.scan(b("a\0"), b("ab"), 35, 100))
                .containsExactlyElementsOf(entries(List.of("a\0", "a\0\0", "a\0\u0001"), 30));
        assertThat(store.scan(b("a"), b("a\0"), 35, 100)).containsExactlyElementsOf(entries(List.of("a"), 30));
        for (String k : keys) {
            assertThat(store.get(b(k), 22)).contains(entry(k, k + "@20", 20));
        }
        assertThat(store.get(b("a\0"), 27)).isEmpty();
    }

    @Test
    void scanRespectsBoundsAndLimit() {
        for (int i = 0; i < 10; i++) put("k" + i, 10, "v" + i);

        assertThat(keysOf(store.scan(b("k2"), b("k5"), 10, 100))).containsExactly("k2", "k3", "k4");
        assertThat(keysOf(store.scan(b("k7"), null, 10, 100))).containsExactly("k7", "k8", "k9");
        assertThat(keysOf(store.scan(b("k2"), null, 10, 3))).containsExactly("k2", "k3", "k4");
        assertThat(keysOf(store.scan(b("k25"), b("k4"), 10, 100))).containsExactly("k3");
        assertThat(keysOf(store.scan(b(""), null, 10, 100))).hasSize(10);
        assertThat(store.scan(b("k2"), null, 10, 0)).isEmpty();
        assertThat(store.scan(b("k5"), b("k5"), 10, 100)).isEmpty();
        assertThat(store.scan(b("k5"), b("k2"), 10, 100)).isEmpty();
        assertThat(store.scan(b("k2"), null, 9, 100)).isEmpty();
    }

    @Test
    void filteredScanReturnsWhatTheFilterKeepsAndSaysWhereToGoOn() {
        for (int i = 0; i < 10; i++) put("k" + i, 10, i % 3 == 0 ? "keep" : "drop");
        EntryFilter keep = (key, value) -> new String(value, java.nio.charset.StandardCharsets.UTF_8).equals("keep");

        ScanPage all = store.scan(b("k"), null, 10, 100, keep, 1_000);
        assertThat(keysOf(all.entries())).containsExactly("k0", "k3", "k6", "k9");
        assertThat(all.resumeKey()).isNull();
        // the limit counts what is kept; the page resumes right after the last entry it looked at
        ScanPage two = store.scan(b("k"), null, 10, 2, keep, 1_000);
        assertThat(keysOf(two.entries())).containsExactly("k0", "k3");
        assertThat(two.resumeKey()).isEqualTo(b("k3\0"));
        // looking at 5 entries finds only k0 and k3: the page ends early, after k4
        ScanPage examined = store.scan(b("k"), null, 10, 100, keep, 5);
        assertThat(keysOf(examined.entries())).containsExactly("k0", "k3");
        assertThat(examined.resumeKey()).isEqualTo(b("k4\0"));
        ScanPage rest = store.scan(examined.resumeKey(), null, 10, 100, keep, 5);
        assertThat(keysOf(rest.entries())).containsExactly("k6", "k9");
        assertThat(rest.resumeKey()).isEqualTo(b("k9\0"));
        assertThat(store.scan(rest.resumeKey(), null, 10, 100, keep, 5)).isEqualTo(new ScanPage(List.of(), null));
        // unfiltered, a page is what the plain scan returns
        assertThat(store.scan(b("k"), null, 10, 3, EntryFilter.ALL, 3).entries()).isEqualTo(store.scan(b("k"), null, 10, 3));
    }

    @Test
    void aPageEndsAfterAboutPageBytesOfEntriesAndTheRestFollows() {
        byte[] big = new byte[MvccReader.PAGE_BYTES / 3];
        for (int i = 0; i < 5; i++) write("k" + i, 10, big);
        ScanPage first = store.scan(b("k"), null, 10, 100, EntryFilter.ALL, 100);
        // the entry that crosses the budget is the page's last
        assertThat(keysOf(first.entries())).containsExactly("k0", "k1", "k2");
        assertThat(first.resumeKey()).isEqualTo(b("k2\0"));
        ScanPage rest = store.scan(first.resumeKey(), null, 10, 100, EntryFilter.ALL, 100);
        assertThat(keysOf(rest.entries())).containsExactly("k3", "k4");
        assertThat(rest.resumeKey()).isNull();
        // the plain scan has no budget: it returns up to its limit
        assertThat(store.scan(b("k"), null, 10, 100)).hasSize(5);
    }

    @Test
    void aPageReturnsValuesAsTheFilterShapesThemAndCountsWhatItSends() {
        for (int i = 0; i < 3; i++) write("k" + i, 10, new byte[MvccReader.PAGE_BYTES / 2]);
        EntryFilter firstByte = new EntryFilter() {
            @Override
            public boolean keep(byte[] key, byte[] value) { return true; }

            @Override
            public byte[] shape(byte[] value) { return java.util.Arrays.copyOf(value, 1); }
        };
        ScanPage page = store.scan(b("k"), null, 10, 100, firstByte, 100);
        // shaped values are small, so the byte budget does not cut the page
        assertThat(keysOf(page.entries())).containsExactly("k0", "k1", "k2");
        assertThat(page.entries()).allSatisfy(e -> assertThat(e.value()).hasSize(1));
        assertThat(page.resumeKey()).isNull();
    }

    @Test
    void filteredScanRefusesToGuessPastALockOnAnEntryItLooksAtEvenIfItWouldDropIt() {
        put("a", 10, "drop");
        put("b", 10, "drop");
        put("c", 10, "keep");
        try (MvccBatch batch = store.newBatch()) {
            batch.putLock(b("b"), new Lock(15, b("p"), b("keep"), 3_000));
            batch.commit();
        }
        EntryFilter keep = (key, value) -> new String(value, java.nio.charset.StandardCharsets.UTF_8).equals("keep");
        assertThatThrownBy(() -> store.scan(b(""), null, 20, 100, keep, 100)).isInstanceOf(KeyLockedException.class);
        // below the lock's start it does not matter
        assertThat(keysOf(store.scan(b(""), null, 14, 100, keep, 100).entries())).containsExactly("c");
    }

    @Test
    void scanReturnsEachKeyOnceAtItsVisibleVersion() {
        for (int ts = 10; ts <= 100; ts += 10) {
            put("many", ts, "many@" + ts);
        }
        put("new", 90, "new@90");
        put("old", 5, "old@5");
        delete("gone", 50);
        put("gone", 20, "gone@20");

        assertThat(store.scan(b(""), null, 55, 100)).containsExactly(
                entry("many", "many@50", 50), entry("old", "old@5", 5));
        assertThat(store.scan(b(""), null, 45, 100)).containsExactly(
                entry("gone", "gone@20", 20), entry("many", "many@40", 40), entry("old", "old@5", 5));
    }

    @Test
    void countLiveCountsWhatAScanAtTheSameTimestampReturns() {
        for (int ts = 10; ts <= 100; ts += 10) {
            put("many", ts, "many@" + ts);
        }
        put("new", 90, "new@90");
        put("old", 5, "old@5");
        delete("gone", 50);
        put("gone", 20, "gone@20");
        put("a\0", 7, "");
        String longKey = "L".repeat(1_000) + "\0" + "l".repeat(300);
        put(longKey, 30, "long");
        put(longKey + "x", 30, "longer");
        delete(longKey + "x", 40);

        for (long readTs : new long[] {1, 5, 19, 20, 45, 55, 95, 200}) {
            for (String[] range : new String[][] {{"", null}, {"a", "n"}, {"gone", "many"}, {"new", null}, {"L", "M"}}) {
                byte[] end = range[1] == null ? null : b(range[1]);
                assertThat(store.countLive(b(range[0]), end, readTs))
                        .as("count of [%s, %s) at %d", range[0], range[1], readTs)
                        .isEqualTo(store.scan(b(range[0]), end, readTs, 1_000).size());
            }
        }
        assertThat(store.countLive(b(""), null, 95)).isEqualTo(5);
        assertThat(store.countLive(b("z"), b("a"), 95)).isZero();
    }

    @Test
    void countLiveStopsAtALockItMightHaveToSee() {
        put("k", 10, "v");
        putLock("k", new Lock(50, b("primary"), b("next"), 1_000));

        assertThat(store.countLive(b(""), null, 40)).isEqualTo(1);
        assertThat(keyLocked(() -> store.countLive(b(""), null, 60)).key()).isEqualTo(b("k"));
    }

    // ---------------------------------------------------------------- locks

    @Test
    void locksRoundTripAndCanBeReplacedAndRemoved() {
        Lock put = new Lock(50, b("primary"), b("new value"), 3_000);
        Lock deleteIntent = new Lock(60, b("p2"), null, 1_000);
        Lock emptyValue = new Lock(70, b(""), b(""), 0);
        try (MvccBatch batch = store.newBatch()) {
            batch.putLock(b("a"), put);
            batch.putLock(b("b"), deleteIntent);
            batch.putLock(b("c"), emptyValue);
            batch.commit();
        }
        assertThat(store.lock(b("a"))).contains(put);
        assertThat(store.lock(b("b"))).hasValueSatisfying(l -> assertThat(l.isDelete()).isTrue()).contains(deleteIntent);
        assertThat(store.lock(b("c"))).hasValueSatisfying(l -> assertThat(l.isDelete()).isFalse()).contains(emptyValue);

        Lock replacement = new Lock(80, b("primary"), b("other"), 10);
        try (MvccBatch batch = store.newBatch()) {
            batch.putLock(b("a"), replacement);
            batch.removeLock(b("b"));
            batch.commit();
        }
        assertThat(store.lock(b("a"))).contains(replacement);
        assertThat(store.lock(b("b"))).isEmpty();
    }

    @Test
    void rowLocksWithEveryHolderSurviveAReopenAndNeverStopAReadOrACount() {
        put("k", 10, "v");
        Lock shared = Lock.rowLock(20, b("c1"), 1_000, Lock.Mode.SHARED)
                .withSharer(Lock.rowLock(30, b("c2"), 2_000, Lock.Mode.SHARED));
        Lock exclusive = Lock.rowLock(25, b("c3"), 500, Lock.Mode.EXCLUSIVE);
        putLock("k", shared);
        putLock("x", exclusive);

        reopen();

        assertThat(store.lock(b("k"))).contains(shared);
        assertThat(store.lock(b("x"))).contains(exclusive);
        assertThat(store.scanLocks(b(""), null, 10)).extracting(e -> e.lock().holders().size()).containsExactly(2, 1);
        assertThat(store.get(b("k"), 60)).contains(entry("k", "v", 10));
        assertThat(store.scan(b(""), null, 60, 10)).containsExactly(entry("k", "v", 10));
        assertThat(store.countLive(b(""), null, 60)).isEqualTo(1);
    }

    @Test
    void aLockOfAnEarlierTransactionStopsReadsThatMightSeeIt() {
        put("k", 10, "v");
        Lock lock = new Lock(50, b("primary"), b("next"), 1_000);
        putLock("k", lock);

        KeyLockedException onGet = keyLocked(() -> store.get(b("k"), 60));
        assertThat(onGet.lock()).isEqualTo(lock);
        assertThat(onGet.key()).isEqualTo(b("k"));
        assertThat(onGet.code()).isEqualTo(ErrorCode.KEY_LOCKED);

        KeyLockedException onScan = keyLocked(() -> store.scan(b("a"), b("z"), 60, 10));
        assertThat(onScan.lock()).isEqualTo(lock);
        assertThat(onScan.key()).isEqualTo(b("k"));
    }

    @Test
    void locksAboveTheReadTimestampAndTheReadersOwnLockAreIgnored() {
        put("k", 10, "v");
        putLock("k", new Lock(50, b("primary"), b("next"), 1_000));

        assertThat(store.get(b("k"), 40)).contains(entry("k", "v", 10));
        assertThat(store.scan(b(""), null, 40, 10)).containsExactly(entry("k", "v", 10));
        assertThat(store.get(b("k"), 50)).contains(entry("k", "v", 10));
        assertThat(store.scan(b(""), null, 50, 10)).containsExactly(entry("k", "v", 10));
    }

    @Test
    void scanChecksLocksOnlyWhereItsResultReaches() {
        put("k1", 10, "v1");
        put("k2", 10, "v2");
        put("k3", 10, "v3");
        putLock("k3", new Lock(5, b("k3"), null, 1_000));
        putLock("k9", new Lock(5, b("k9"), b("insert"), 1_000));

        assertThat(keysOf(store.scan(b("k1"), null, 60, 2))).containsExactly("k1", "k2");
        assertThat(keysOf(store.scan(b("k1"), b("k3"), 60, 10))).containsExactly("k1", "k2");
        assertThatThrownBy(() -> store.scan(b("k1"), null, 60, 3)).isInstanceOf(KeyLockedException.class);
        KeyLockedException pendingInsert = keyLocked(() -> store.scan(b("k4"), null, 60, 10));
        assertThat(pendingInsert.key()).isEqualTo(b("k9"));
    }

    @Test
    void scanLocksReturnsTheLocksInRangeInKeyOrderUpToTheLimit() {
        for (String k : List.of("\u00ff", "b", "a\0", "", "c", "a", "ab")) putLock(k, lockOn(k));
        put("a", 10, "a version is not a lock");
        put("bb", 10, "neither is this");

        assertThat(lockKeysOf(store.scanLocks(b(""), null, 100))).containsExactly("", "a", "a\0", "ab", "b", "c", "\u00ff");
        assertThat(lockKeysOf(store.scanLocks(b("a"), b("b"), 100))).containsExactly("a", "a\0", "ab");
        assertThat(lockKeysOf(store.scanLocks(b("a\0"), b("ab"), 100))).containsExactly("a\0");
        assertThat(lockKeysOf(store.scanLocks(b("aa"), null, 100))).containsExactly("ab", "b", "c", "\u00ff");
        assertThat(lockKeysOf(store.scanLocks(b(""), null, 2))).containsExactly("", "a");
        assertThat(lockKeysOf(store.scanLocks(b("a\0"), b("c"), 2))).containsExactly("a\0", "ab");
        assertThat(store.scanLocks(b("b"), b("c"), 100)).containsExactly(new LockEntry(b("b"), lockOn("b")));
        assertThat(store.scanLocks(b("b"), b("b"), 100)).isEmpty();
        assertThat(store.scanLocks(b("c"), b("b"), 100)).isEmpty();
        assertThat(store.scanLocks(b("c\0"), b("\u00ff"), 100)).isEmpty();
        assertThat(store.scanLocks(b(""), null, 0)).isEmpty();
    }

    @Test
    void scanLocksCarriesEachLockWhole() {
        Lock put = new Lock(50, b("coord-3"), b("new value"), 3_000);
        Lock deleteIntent = new Lock(60, b(""), null, 0);
        putLock("p", put);
        putLock("d", deleteIntent);

        assertThat(store.scanLocks(b(""), null, 10))
                .containsExactly(new LockEntry(b("d"), deleteIntent), new LockEntry(b("p"), put));
        assertThat(store.scanLocks(b(""), null, 10).get(0).lock().isDelete()).isTrue();
    }

    @Test
    void aBatchSeesItsOwnLockWritesInScanLocks() {
        Lock committed = new Lock(10, b("p"), b("old"), 100);
        Lock added = new Lock(20, b("p"), b("added"), 100);
        Lock replacement = new Lock(30, b("p"), null, 100);
        for (String k : List.of("a", "c", "e", "g")) putLock(k, committed);
        List<LockEntry> expected = List.of(new LockEntry(b("a"), committed), new LockEntry(b("b"), added),
                new LockEntry(b("c"), replacement), new LockEntry(b("g"), committed));
        try (MvccBatch batch = store.newBatch()) {
            batch.putLock(b("b"), added);
            batch.putLock(b("c"), replacement);
            batch.removeLock(b("e"));
            batch.putLock(b("f"), added);
            batch.removeLock(b("f"));

            assertThat(batch.scanLocks(b(""), null, 100)).containsExactlyElementsOf(expected);
            assertThat(lockKeysOf(batch.scanLocks(b("b"), b("g"), 100))).containsExactly("b", "c");
            assertThat(lockKeysOf(batch.scanLocks(b("a"), null, 2))).containsExactly("a", "b");
            assertThat(lockKeysOf(batch.scanLocks(b("d"), null, 1))).containsExactly("g");
            assertThat(lockKeysOf(store.scanLocks(b(""), null, 100))).containsExactly("a", "c", "e", "g");
            assertThat(store.lock(b("c"))).contains(committed);
            batch.commit();
        }
        assertThat(store.scanLocks(b(""), null, 100)).containsExactlyElementsOf(expected);
    }

    // ---------------------------------------------------------------- batches

    @Test
    void aBatchSeesItsOwnWritesBeforeCommitAndTheStoreDoesNot() {
        put("a", 10, "a10");
        put("c", 10, "c10");
        Lock lock = new Lock(30, b("a"), b("x"), 100);
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b("a"), 20, b("a20"));
            batch.writeVersion(b("b"), 20, b("b20"));
            batch.writeVersion(b("c"), 20, null);
            batch.putLock(b("d"), lock);

            assertThat(batch.get(b("a"), 25)).contains(entry("a", "a20", 20));
            assertThat(batch.get(b("a"), 15)).contains(entry("a", "a10", 10));
            assertThat(batch.get(b("c"), 25)).isEmpty();
            assertThat(batch.scan(b(""), b("d"), 25, 10)).containsExactly(entry("a", "a20", 20), entry("b", "b20", 20));
            assertThat(batch.lock(b("d"))).contains(lock);
            assertThat(batch.latestCommitTs(b("c"))).isEqualTo(20);
            assertThatThrownBy(() -> batch.get(b("d"), 40)).isInstanceOf(KeyLockedException.class);

            assertThat(store.get(b("a"), 25)).contains(entry("a", "a10", 10));
            assertThat(store.get(b("b"), 25)).isEmpty();
            assertThat(store.get(b("c"), 25)).contains(entry("c", "c10", 10));
            assertThat(store.lock(b("d"))).isEmpty();
            assertThat(store.latestCommitTs(b("c"))).isEqualTo(10);

            batch.commit();
        }
        assertThat(store.scan(b(""), b("d"), 25, 10)).containsExactly(entry("a", "a20", 20), entry("b", "b20", 20));
        assertThat(store.lock(b("d"))).contains(lock);
    }

    @Test
    void aBatchThatRemovesALockNoLongerSeesIt() {
        put("k", 10, "v");
        putLock("k", new Lock(20, b("k"), b("w"), 100));
        try (MvccBatch batch = store.newBatch()) {
            batch.removeLock(b("k"));
            batch.writeVersion(b("k"), 25, b("w"));

            assertThat(batch.lock(b("k"))).isEmpty();
            assertThat(batch.get(b("k"), 30)).contains(entry("k", "w", 25));
            assertThat(batch.scan(b(""), null, 30, 10)).containsExactly(entry("k", "w", 25));
            assertThatThrownBy(() -> store.get(b("k"), 30)).isInstanceOf(KeyLockedException.class);
            batch.commit();
        }
        assertThat(store.get(b("k"), 30)).contains(entry("k", "w", 25));
    }

    @Test
    void closingABatchWithoutCommitDiscardsIt() {
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b("a"), 10, b("v"));
            batch.putLock(b("b"), new Lock(5, b("b"), null, 1));
            batch.putMeta("m", b("1"));
            batch.setAppliedIndex(1, 7);
        }
        assertNothingStored();
        reopen();
        assertNothingStored();
    }

    @Test
    void writesAreRejectedOnceTheBatchIsCommitted() {
        MvccBatch batch = store.newBatch();
        batch.writeVersion(b("a"), 10, b("v"));
        batch.commit();
        assertThatThrownBy(() -> batch.writeVersion(b("b"), 10, b("v"))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(batch::commit).isInstanceOf(IllegalStateException.class);
        batch.close();
        batch.close();
        assertThat(store.get(b("a"), 10)).isPresent();
        assertThat(store.get(b("b"), 10)).isEmpty();
    }

    // ---------------------------------------------------------------- applied index, meta, durability

    @Test
    void appliedIndexRoundTripsWithItsBatchAndSurvivesReopen() {
        assertThat(store.appliedIndex()).isEqualTo(AppliedIndex.NONE);
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b("a"), 10, b("v"));
            batch.setAppliedIndex(2, 17);
            batch.commit();
        }
        assertThat(store.appliedIndex()).isEqualTo(new AppliedIndex(2, 17));
        try (MvccBatch batch = store.newBatch()) {
            batch.setAppliedIndex(3, 18);
            batch.commit();
        }
        reopen();
        assertThat(store.appliedIndex()).isEqualTo(new AppliedIndex(3, 18));
        assertThat(store.get(b("a"), 10)).contains(entry("a", "v", 10));
    }

    @Test
    void metaValuesRoundTripAndSurviveReopen() {
        assertThat(store.meta("catalog.version")).isEmpty();
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta("catalog.version", b("1"));
            batch.putMeta("epoch.fence", b("42"));
            batch.putMeta("", b("empty name"));
            batch.commit();
        }
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta("catalog.version", b("2"));
            batch.commit();
        }
        reopen();
        assertThat(store.meta("catalog.version")).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("2"));
        assertThat(store.meta("epoch.fence")).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("42"));
        assertThat(store.meta("")).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("empty name"));
        assertThat(store.appliedIndex()).isEqualTo(AppliedIndex.NONE);
    }

    @Test
    void closeIsIdempotent() {
        put("a", 10, "v");
        store.close();
        store.close();
        store = openStore(storeDir);
        assertThat(store.get(b("a"), 10)).isPresent();
    }

    @Test
    void aHealthyStoreHasASizeAndPassesChecksumVerification() {
        for (int i = 0; i < 200; i++) put("key" + i, 10, "value-" + i);
        assertThat(store.approximateSizeBytes()).isPositive();
        store.verifyChecksums();
    }

    @Test
    void aBatchSeesItsOwnMetaPutsAndDeletes() {
        putMeta("kept", "1");
        putMeta("changed", "1");
        putMeta("deleted", "1");
        putMeta("deleted then put", "1");
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta("changed", b("2"));
            batch.deleteMeta("deleted");
            batch.putMeta("added", b("3"));
            batch.putMeta("put then deleted", b("4"));
            batch.deleteMeta("put then deleted");
            batch.deleteMeta("deleted then put");
            batch.putMeta("deleted then put", b("5"));

            assertThat(text(batch.meta("kept"))).contains("1");
            assertThat(text(batch.meta("changed"))).contains("2");
            assertThat(batch.meta("deleted")).isEmpty();
            assertThat(text(batch.meta("added"))).contains("3");
            assertThat(batch.meta("put then deleted")).isEmpty();
            assertThat(text(batch.meta("deleted then put"))).contains("5");
            assertThat(batch.meta("never written")).isEmpty();

            assertThat(text(store.meta("changed"))).contains("1");
            assertThat(text(store.meta("deleted"))).contains("1");
            assertThat(store.meta("added")).isEmpty();
            batch.commit();
        }
        assertThat(text(store.meta("changed"))).contains("2");
        assertThat(store.meta("deleted")).isEmpty();
        assertThat(text(store.meta("added"))).contains("3");
        assertThat(store.meta("put then deleted")).isEmpty();
        assertThat(text(store.meta("deleted then put"))).contains("5");
    }

    @Test
    void aCommittedMetaDeleteSurvivesReopen() {
        putMeta("gone", "1");
        putMeta("stays", "2");
        try (MvccBatch batch = store.newBatch()) {
            batch.deleteMeta("gone");
            batch.deleteMeta("never written");
            batch.commit();
        }
        assertThat(store.meta("gone")).isEmpty();
        reopen();
        assertThat(store.meta("gone")).isEmpty();
        assertThat(store.meta("never written")).isEmpty();
        assertThat(text(store.meta("stays"))).contains("2");
        assertThat(store.metaScan("", 10)).containsOnlyKeys("stays");
    }

    @Test
    void aMetaDeleteInAnUncommittedBatchIsDiscarded() {
        putMeta("m", "1");
        try (MvccBatch batch = store.newBatch()) {
            batch.deleteMeta("m");
        }
        assertThat(text(store.meta("m"))).contains("1");
    }

    @Test
    void metaScanReturnsOnlyNamesWithThePrefixInOrderUpToTheLimit() {
        List<String> names = List.of("decision/03", "decision0", "decision/01", "decision", "decisions",
                "decision/02", "decision/", "a", "tso.limit", "");
        for (String name : names) putMeta(name, "v:" + name);
        try (MvccBatch batch = store.newBatch()) {
            batch.setAppliedIndex(7, 70);
            batch.commit();
        }

        SortedMap<String, byte[]> decisions = store.metaScan("decision/", 100);
        assertThat(List.copyOf(decisions.keySet())).containsExactly("decision/", "decision/01", "decision/02", "decision/03");
        decisions.forEach((name, value) -> assertThat(s(value)).isEqualTo("v:" + name));
        assertThat(List.copyOf(store.metaScan("decision/", 2).keySet())).containsExactly("decision/", "decision/01");
        assertThat(List.copyOf(store.metaScan("decision", 100).keySet())).containsExactly(
                "decision", "decision/", "decision/01", "decision/02", "decision/03", "decision0", "decisions");
        assertThat(List.copyOf(store.metaScan("", 100).keySet())).containsExactlyElementsOf(new TreeSet<>(names));
        assertThat(store.metaScan("decision/04", 100)).isEmpty();
        assertThat(store.metaScan("z", 100)).isEmpty();
    }

    @Test
    void metaScanPagesAfterTheLastNameOfTheLastPage() {
        for (String name : List.of("decision/01", "decision/02", "decision/03", "decision0", "a")) {
            putMeta(name, "v:" + name);
        }
        assertThat(List.copyOf(store.metaScan("decision/", "decision/01", 1).keySet())).containsExactly("decision/02");
        assertThat(List.copyOf(store.metaScan("decision/", "decision/02", 5).keySet())).containsExactly("decision/03");
        assertThat(List.copyOf(store.metaScan("decision/", "decision/015", 5).keySet()))
                .containsExactly("decision/02", "decision/03");
        assertThat(store.metaScan("decision/", "decision/03", 5)).isEmpty();
        assertThat(List.copyOf(store.metaScan("decision/", "a", 5).keySet())) // before the prefix: from its start
                .containsExactly("decision/01", "decision/02", "decision/03");
        assertThat(store.metaScan("decision/", "z", 5)).isEmpty();
    }

    @Test
    void metaScanSeesOnlyCommittedValues() {
        putMeta("p/1", "1");
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta("p/2", b("2"));
            batch.deleteMeta("p/1");
            assertThat(store.metaScan("p/", 10)).containsOnlyKeys("p/1");
            batch.commit();
        }
        assertThat(store.metaScan("p/", 10)).containsOnlyKeys("p/2");
    }

    // ---------------------------------------------------------------- garbage collection

    @Test
    void garbageCollectionRemovesOnlyVersionsNoReadAtOrAboveTheSafePointCanSee() {
        put("k1", 10, "k1@10");
        put("k1", 20, "k1@20");
        put("k1", 30, "k1@30");
        put("k2", 10, "k2@10");
        delete("k2", 20);
        put("k3", 10, "k3@10");
        delete("k3", 20);
        put("k3", 30, "k3@30");
        put("k4", 30, "k4@30");
        put("k5", 5, "k5@5");
        put("k5", 25, "k5@25");
        putLock("k6", new Lock(22, b("k6"), b("x"), 1));
        long[] readTimestamps = {25, 26, 30, 40, 100};
        List<List<KvEntry>> before = scansAt(readTimestamps);

        assertThat(store.collectGarbage(25)).isEqualTo(6);

        assertThat(scansAt(readTimestamps)).isEqualTo(before);
        assertThat(store.get(b("k1"), 15)).isEmpty();
        assertThat(store.get(b("k1"), 25)).contains(entry("k1", "k1@20", 20));
        assertThat(store.latestCommitTs(b("k2"))).isZero();
        assertThat(store.latestCommitTs(b("k3"))).isEqualTo(30);
        assertThat(store.get(b("k5"), 25)).contains(entry("k5", "k5@25", 25));
        assertThat(store.lock(b("k6"))).isPresent();
        assertThat(store.collectGarbage(25)).isZero();
        assertThat(store.collectGarbage(100)).isEqualTo(1);
    }

    @Test
    void aCollectionCutIntoStepsRemovesWhatOneWholeCollectionWould() {
        for (int i = 0; i < 10; i++) {
            put("k" + i, 10, "old");
            put("k" + i, 20, "new");
            if (i % 3 == 0) delete("k" + i, 30);
        }
        List<List<KvEntry>> before = scansAt(new long[] {35, 100});

        long removed = 0;
        int steps = 0;
        byte[] from = new byte[0];
        while (from != null) {
            MvccStore.GarbageStep step = store.collectGarbage(35, from, 3);
            removed += step.removed();
            from = step.nextKey();
            steps++;
        }

        assertThat(steps).isEqualTo(4);
        assertThat(removed).isEqualTo(10 + 4 * 2); // each key's @10, and the deleted keys' @20 and delete
        assertThat(scansAt(new long[] {35, 100})).isEqualTo(before);
        assertThat(store.collectGarbage(35)).isZero();
    }

    // ---------------------------------------------------------------- checkpoint

    @Test
    void aCheckpointOpensAsAStoreWithExactlyTheCommittedState() {
        put("a", 10, "a10");
        put("b", 10, "b10");
        delete("b", 20);
        putLock("c", new Lock(35, b("a"), b("c"), 99));
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta("epoch", b("3"));
            batch.setAppliedIndex(4, 40);
            batch.commit();
        }
        Path target = tempDir.resolve("checkpoints").resolve("cp-1");
        store.checkpoint(target);
        put("a", 30, "a30");
        List<KvEntry> expected = store.scan(b(""), null, 25, 100);

        try (MvccStore copy = openStore(target)) {
            assertThat(copy.scan(b(""), null, 25, 100)).isEqualTo(expected);
            assertThat(copy.get(b("a"), 40)).contains(entry("a", "a10", 10));
            assertThat(copy.latestCommitTs(b("b"))).isEqualTo(20);
            assertThat(copy.lock(b("c"))).isEqualTo(store.lock(b("c")));
            assertThat(copy.meta("epoch")).hasValueSatisfying(v -> assertThat(s(v)).isEqualTo("3"));
            assertThat(copy.appliedIndex()).isEqualTo(new AppliedIndex(4, 40));
        }
        assertThatThrownBy(() -> store.checkpoint(target)).isInstanceOf(ShardSqlException.class);
    }

    // ---------------------------------------------------------------- differential test

    /**
     * Random writes and deletes (in batches, at mostly increasing timestamps, over a small alphabet
     * full of {@code 00} and {@code FF} bytes so keys are often prefixes of each other) go to the store
     * and to {@link VersionModel}; gets, scans and garbage collection must agree with the model, both
     * through the open batch and after commit.
     */
    @Test
    void randomWritesReadLikeASimpleModel() {
        Random random = new Random(0x5EED_2024L);
        VersionModel model = new VersionModel();
        long now = 0;
        long safePoint = 0;
        for (int round = 1; round <= 200; round++) {
            now += 1 + random.nextInt(3);
            try (MvccBatch batch = store.newBatch()) {
                for (int i = random.nextInt(4); i >= 0; i--) {
                    byte[] key = randomKey(random);
                    long commitTs = Math.max(1, now - random.nextInt(4));
                    byte[] value = random.nextInt(4) == 0 ? null : b("v" + round + "." + i);
                    batch.writeVersion(key, commitTs, value);
                    batch.markGarbageCandidate(key);
                    model.write(key, commitTs, value);
                }
                compareReads(random, batch, model, now);
                batch.commit();
            }
            compareReads(random, store, model, now);
            if (round % 40 == 0) {
                safePoint += random.nextInt((int) (now - safePoint) + 1);
                assertThat(store.collectGarbage(safePoint)).as("removed at safe point %d", safePoint)
                        .isEqualTo(model.collectGarbage(safePoint));
            }
        }
        assertThat(store.scan(b(""), null, now, 1_000)).isEqualTo(model.scan(b(""), null, now, 1_000));
    }

    private static void compareReads(Random random, MvccReader reader, VersionModel model, long now) {
        for (int i = 0; i < 3; i++) {
            byte[] key = randomKey(random);
            long readTs = random.nextInt((int) now + 3);
            assertThat(reader.get(key, readTs)).as("get %s at %d", Bytes.toHex(key), readTs).isEqualTo(model.get(key, readTs));
            assertThat(reader.latestCommitTs(key)).as("latestCommitTs %s", Bytes.toHex(key)).isEqualTo(model.latestCommitTs(key));
        }
        byte[] start = randomKey(random);
        byte[] end = random.nextInt(4) == 0 ? null : randomKey(random);
        long readTs = random.nextInt((int) now + 3);
        int limit = random.nextBoolean() ? 1 + random.nextInt(5) : 1_000;
        assertThat(reader.scan(start, end, readTs, limit))
                .as("scan [%s, %s) at %d limit %d", Bytes.toHex(start), Bytes.toHex(end), readTs, limit)
                .isEqualTo(model.scan(start, end, readTs, limit));
    }

    private static byte[] randomKey(Random random) {
        byte[] alphabet = {0x00, 0x01, 'a', (byte) 0xFF};
        byte[] key = new byte[random.nextInt(4)];
        for (int i = 0; i < key.length; i++) key[i] = alphabet[random.nextInt(alphabet.length)];
        return key;
    }

    /** The obviously right MVCC store: per key, a sorted map from commit timestamp to value or delete. */
    private static final class VersionModel {
        private final TreeMap<byte[], TreeMap<Long, Optional<byte[]>>> versions = new TreeMap<>(Bytes::compare);

        void write(byte[] key, long commitTs, byte[] value) {
            versions.computeIfAbsent(key.clone(), k -> new TreeMap<>()).put(commitTs, Optional.ofNullable(value));
        }

        Optional<KvEntry> get(byte[] key, long readTs) {
            TreeMap<Long, Optional<byte[]>> ofKey = versions.get(key);
            Map.Entry<Long, Optional<byte[]>> visible = ofKey == null ? null : ofKey.floorEntry(readTs);
            if (visible == null || visible.getValue().isEmpty()) return Optional.empty();
            return Optional.of(new KvEntry(key.clone(), visible.getValue().get(), visible.getKey()));
        }

        long latestCommitTs(byte[] key) {
            TreeMap<Long, Optional<byte[]>> ofKey = versions.get(key);
            return ofKey == null ? 0 : ofKey.lastKey();
        }

        List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
            if (end != null && Bytes.compare(start, end) >= 0) return List.of();
            NavigableMap<byte[], ?> range = end == null ? versions.tailMap(start, true) : versions.subMap(start, true, end, false);
            List<KvEntry> out = new ArrayList<>();
            for (byte[] key : range.keySet()) {
                if (out.size() == limit) break;
                get(key, readTs).ifPresent(out::add);
            }
            return out;
        }

        long collectGarbage(long safePointTs) {
            long removed = 0;
            for (Iterator<TreeMap<Long, Optional<byte[]>>> it = versions.values().iterator(); it.hasNext(); ) {
                TreeMap<Long, Optional<byte[]>> ofKey = it.next();
                Long newest = ofKey.floorKey(safePointTs);
                if (newest == null) continue;
                NavigableMap<Long, Optional<byte[]>> older = ofKey.headMap(newest, ofKey.get(newest).isEmpty());
                removed += older.size();
                older.clear();
                if (ofKey.isEmpty()) it.remove();
            }
            return removed;
        }
    }

    // ---------------------------------------------------------------- dropVersionsFrom

    @Test
    void dropVersionsFromRemovesEveryVersionAtOrAboveTheTimestampOnly() {
        put("a", 10, "a10");
        put("a", 20, "a20");
        put("a", 30, "a30");
        delete("b", 25);
        put("b", 5, "b5");
        put("c", 40, "c40");
        put("d", 19, "d19");
        putLock("d", new Lock(50, b("o"), b("d50"), 1_000));
        putMeta("m", "kept");

        assertThat(store.dropVersionsFrom(20)).isEqualTo(4);

        assertThat(store.get(b("a"), Long.MAX_VALUE)).contains(entry("a", "a10", 10));
        assertThat(store.get(b("b"), Long.MAX_VALUE)).contains(entry("b", "b5", 5));
        assertThat(store.get(b("c"), Long.MAX_VALUE)).isEmpty();
        assertThat(store.latestCommitTs(b("c"))).isZero();
        assertThat(store.latestCommitTs(b("a"))).isEqualTo(10);
        assertThat(store.lock(b("d"))).contains(new Lock(50, b("o"), b("d50"), 1_000));
        assertThat(store.get(b("d"), 49)).contains(entry("d", "d19", 19));
        assertThat(text(store.meta("m"))).contains("kept");
        assertThat(store.dropVersionsFrom(20)).isZero();
    }

    @Test
    void dropVersionsFromIsDurableAndLeavesKeysWithZeroBytes() {
        put("a\0", 7, "x");
        put("a", 8, "y");
        put("a\0", 9, "z");
        assertThat(store.dropVersionsFrom(8)).isEqualTo(2);
        reopen();
        assertThat(store.scan(b(""), null, Long.MAX_VALUE, 10)).containsExactly(entry("a\0", "x", 7));
    }

    // ---------------------------------------------------------------- helpers

    protected static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    protected static String s(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    protected static KvEntry entry(String key, String value, long commitTs) {
        return new KvEntry(b(key), b(value), commitTs);
    }

    protected final void put(String key, long commitTs, String value) {
        write(key, commitTs, b(value));
    }

    protected final void delete(String key, long commitTs) {
        write(key, commitTs, null);
    }

    protected final void putMeta(String name, String value) {
        try (MvccBatch batch = store.newBatch()) {
            batch.putMeta(name, b(value));
            batch.commit();
        }
    }

    protected final void putLock(String key, Lock lock) {
        try (MvccBatch batch = store.newBatch()) {
            batch.putLock(b(key), lock);
            batch.commit();
        }
    }

    private void write(String key, long commitTs, byte[] value) {
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b(key), commitTs, value);
            batch.markGarbageCandidate(b(key));
            batch.commit();
        }
    }

    private static KeyLockedException keyLocked(ThrowingCallable read) {
        Throwable thrown = catchThrowable(read);
        assertThat(thrown).isInstanceOf(KeyLockedException.class);
        return (KeyLockedException) thrown;
    }

    private static List<KvEntry> entries(List<String> keys, long commitTs) {
        return keys.stream().map(k -> entry(k, k + "@" + commitTs, commitTs)).toList();
    }

    /** A lock that tells which key it was made for. */
    private static Lock lockOn(String key) {
        return new Lock(100 + key.length(), b("owner of " + key), key.isEmpty() ? null : b("new " + key), 1_000);
    }

    private static List<String> lockKeysOf(List<LockEntry> locks) {
        return locks.stream().map(e -> s(e.key())).toList();
    }

    private static String text(byte[] key) {
        return key == null ? null : new String(key, StandardCharsets.ISO_8859_1);
    }

    private static Optional<String> text(Optional<byte[]> value) {
        return value.map(MvccStoreContractTest::s);
    }

    private static List<String> keysOf(List<KvEntry> entries) {
        return entries.stream().map(e -> s(e.key())).toList();
    }

    /** Scans (up to key "k5", below the locked "k6") at each timestamp. */
    private List<List<KvEntry>> scansAt(long[] timestamps) {
        List<List<KvEntry>> out = new ArrayList<>();
        for (long ts : timestamps) out.add(store.scan(b(""), b("k6"), ts, 100));
        return out;
    }

    private void assertNothingStored() {
        assertThat(store.scan(b(""), null, Long.MAX_VALUE, 10)).isEmpty();
        assertThat(store.lock(b("b"))).isEmpty();
        assertThat(store.meta("m")).isEqualTo(Optional.empty());
        assertThat(store.appliedIndex()).isEqualTo(AppliedIndex.NONE);
    }
}
