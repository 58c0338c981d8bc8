package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A read below a garbage collection's safe point must be refused, never answered from a store the
 * collection already thinned out — also while the collection is being applied.
 */
@Timeout(30)
class GarbageCollectionReadTest {
    @TempDir
    Path dir;
    private RocksEnvironment env;
    private MvccStore store;
    private CommandApplier applier;
    private QueryExecutor queries;

    @BeforeEach
    void open() {
        env = RocksEnvironment.create(new RocksSettings(8L << 20, 4L << 20, 4L << 20, 2));
        store = RocksMvccStore.open(dir.resolve("db"), env, false);
        applier = new CommandApplier(store);
        queries = new QueryExecutor(store, applier::collectingTo);
    }

    @AfterEach
    void close() {
        store.close();
        env.close();
    }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    @Test
    void aReadBelowTheSafePointOfACollectionBeingAppliedIsRefused() {
        try (MvccBatch batch = store.newBatch()) {
            batch.writeVersion(b("k"), 10, b("k@10"));
            batch.writeVersion(b("k"), 30, b("k@30"));
            batch.markGarbageCandidate(b("k"));
            batch.commit();
        }
        // A collection to 40 is applied (its deletes go straight to the store); its entry is not
        // committed yet, as between apply and commit in ShardStateMachine.applyTransaction.
        try (MvccBatch batch = store.newBatch()) {
            applier.apply(new ShardCommand.CollectGarbage(40), batch);
            ShardReply r = queries.execute(new ShardQuery.Get(b("k"), 20));
            if (r instanceof ShardReply.Value v) {
                KvEntry e = v.entry();
                assertThat(e).as("a read at 20 answered while collecting to 40").isNotNull();
                assertThat(new String(e.value(), StandardCharsets.UTF_8)).isEqualTo("k@10");
            } else {
                assertThat(((ShardReply.Failed) r).code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD);
            }
            batch.commit();
        }
        ShardReply after = queries.execute(new ShardQuery.Get(b("k"), 20));
        assertThat(((ShardReply.Failed) after).code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD);
    }

    /**
     * Collections to a rising safe point run (as the Raft thread would apply them) while readers read
     * just above the stored safe point: every answer is the right version or SNAPSHOT_TOO_OLD.
     */
    @Test
    void readsRacingCollectionsAreRightOrRefused() throws Exception {
        int keys = 200;
        int versions = 60; // key i has versions at 10, 20, ..., 600
        try (MvccBatch batch = store.newBatch()) {
            for (int k = 0; k < keys; k++) {
                for (int v = 1; v <= versions; v++) batch.writeVersion(b("k" + k), v * 10L, b(k + "@" + v * 10));
                batch.markGarbageCandidate(b("k" + k));
            }
            batch.commit();
        }
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicLong answered = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(2);
        java.util.List<java.util.concurrent.Future<?>> running = new java.util.ArrayList<>();
        for (int t = 0; t < 2; t++) {
            int seed = t;
            running.add(readers.submit(() -> {
                java.util.Random random = new java.util.Random(seed);
                while (!done.get()) {
                    long stored = store.meta(CommandApplier.SAFE_POINT).map(x -> java.nio.ByteBuffer.wrap(x).getLong()).orElse(0L);
                    long readTs = Math.max(10, stored + random.nextInt(30)); // every key has a version at 10
                    int k = random.nextInt(keys);
                    ShardReply r = random.nextBoolean()
                            ? queries.execute(new ShardQuery.Get(b("k" + k), readTs))
                            : queries.execute(new ShardQuery.Scan(b("k" + k), null, readTs, 1));
                    KvEntry e = r instanceof ShardReply.Value v ? v.entry()
                            : r instanceof ShardReply.Entries es ? (es.entries().isEmpty() ? null : es.entries().get(0)) : null;
                    if (r instanceof ShardReply.Failed f) {
                        assertThat(f.code()).isEqualTo(ErrorCode.SNAPSHOT_TOO_OLD);
                        continue;
                    }
                    long expectedTs = Math.min(versions * 10L, readTs / 10 * 10);
                    assertThat(e).as("k%d at %d", k, readTs).isNotNull();
                    assertThat(new String(e.key(), StandardCharsets.UTF_8)).isEqualTo("k" + k);
                    assertThat(e.commitTs()).as("k%d at %d", k, readTs).isEqualTo(expectedTs);
                    answered.incrementAndGet();
                }
            }));
        }
        try {
            for (long safePoint = 15; safePoint < versions * 10L; safePoint += 10) {
                try (MvccBatch batch = store.newBatch()) {
                    applier.apply(new ShardCommand.CollectGarbage(safePoint), batch);
                    batch.commit();
                }
                for (java.util.concurrent.Future<?> f : running) {
                    if (f.isDone()) f.get(); // a reader that failed fails the test now
                }
            }
        } finally {
            done.set(true);
            readers.shutdown();
        }
        for (java.util.concurrent.Future<?> f : running) f.get();
        assertThat(answered.get()).isPositive();
    }
}
