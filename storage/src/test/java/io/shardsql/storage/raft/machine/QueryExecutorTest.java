package io.shardsql.storage.raft.machine;


import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.Mutation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link QueryExecutor} over a real RocksDB store whose state is built by applying commands. */
@Timeout(30)
class QueryExecutorTest {

    @TempDir
    Path tempDir;
    private AppliedStore shard;
    private QueryExecutor queries;

    @BeforeEach
    void openStore() {
        shard = new AppliedStore(tempDir.resolve("store"));
        queries = new QueryExecutor(shard.store(), () -> 0L); // no collection in flight in these tests
        shard.apply(new ShardCommand.CommitWrites(5, 10, List.of(Mutation.put(b("a"), b("a@10")), Mutation.put(b("b"), b("b@10")))));
        shard.apply(new ShardCommand.CommitWrites(110, 120, List.of(Mutation.put(b("a"), b("a@120")))));
    }

    @AfterEach
    void closeStore() {
        shard.close();
    }

    @Test
    void readsAtAnyTimestampAreAnsweredBeforeGarbageIsCollected() {
        assertThat(queries.execute(new ShardQuery.Get(b("a"), 0))).isEqualTo(new ShardReply.Value(null));
        assertThat(value(queries.execute(new ShardQuery.Get(b("a"), 50)))).isEqualTo(entry("a", "a@10", 10));
    }

    @Test
    void getAndScanBelowTheSafePointFailAsSnapshotTooOld() {
        shard.apply(new ShardCommand.CollectGarbage(100));

        failed(queries.execute(new ShardQuery.Get(b("a"), 99)), ErrorCode.SNAPSHOT_TOO_OLD);
        failed(queries.execute(new ShardQuery.Get(b("a"), 0)), ErrorCode.SNAPSHOT_TOO_OLD);
        failed(queries.execute(new ShardQuery.Scan(b(""), null, 99, 10)), ErrorCode.SNAPSHOT_TOO_OLD);
    }

    @Test
    void getAndScanAtOrAboveTheSafePointAreAnswered() {
        shard.apply(new ShardCommand.CollectGarbage(100));

        assertThat(value(queries.execute(new ShardQuery.Get(b("a"), 100)))).isEqualTo(entry("a", "a@10", 10));
        assertThat(value(queries.execute(new ShardQuery.Get(b("a"), 120)))).isEqualTo(entry("a", "a@120", 120));
        assertThat(entries(queries.execute(new ShardQuery.Scan(b(""), null, 100, 10))))
                .containsExactly(entry("a", "a@10", 10), entry("b", "b@10", 10));
        assertThat(entries(queries.execute(new ShardQuery.Scan(b(""), null, 130, 10))))
                .containsExactly(entry("a", "a@120", 120), entry("b", "b@10", 10));
    }

    @Test
    void aLaterSafePointRefusesWhatAnEarlierOneAllowed() {
        shard.apply(new ShardCommand.CollectGarbage(50));
        assertThat(value(queries.execute(new ShardQuery.Get(b("b"), 60)))).isEqualTo(entry("b", "b@10", 10));

        shard.apply(new ShardCommand.CollectGarbage(100));

        failed(queries.execute(new ShardQuery.Get(b("b"), 60)), ErrorCode.SNAPSHOT_TOO_OLD);
    }

    @Test
    void aReadThatMeetsALockFailsWithTheLock() {
        shard.apply(new ShardCommand.Prepare(130, b("coord-1"), 1_000, List.of(Mutation.delete(b("b")))));

        ShardReply.Failed failed = failed(queries.execute(new ShardQuery.Get(b("b"), 140)), ErrorCode.KEY_LOCKED);

        assertThat(failed.lockedKey()).isEqualTo(b("b"));
        assertThat(failed.lock()).isEqualTo(new Lock(130, b("coord-1"), null, 1_000));
    }

    @Test
    void getManyAnswersEachKeyInOrderAndFailsOnlyTheLockedOne() {
        shard.apply(new ShardCommand.Prepare(130, b("coord-1"), 1_000, List.of(Mutation.delete(b("b")))));

        ShardReply reply = queries.execute(new ShardQuery.GetMany(List.of(b("a"), b("b"), b("zz"), b("a")), 140));

        List<ShardReply> replies = ((ShardReply.Batched) reply).replies();
        assertThat(replies).hasSize(4);
        assertThat(value(replies.get(0))).isEqualTo(entry("a", "a@120", 120));
        assertThat(failed(replies.get(1), ErrorCode.KEY_LOCKED).lockedKey()).isEqualTo(b("b"));
        assertThat(replies.get(2)).isEqualTo(new ShardReply.Value(null));
        assertThat(value(replies.get(3))).isEqualTo(entry("a", "a@120", 120));
    }

    @Test
    void getManyBelowTheSafePointFailsAsAWhole() {
        shard.apply(new ShardCommand.CollectGarbage(100));

        failed(queries.execute(new ShardQuery.GetMany(List.of(b("a"), b("b")), 99)), ErrorCode.SNAPSHOT_TOO_OLD);
    }

    @Test
    void locksAndMetaAreReadFromTheCommittedState() {
        shard.apply(new ShardCommand.Prepare(130, b("coord-1"), 1_000, List.of(Mutation.put(b("c"), b("c@?")))));
        try (var batch = shard.store().newBatch()) {
            batch.putMeta("decision/0000000000000082", b("140"));
            batch.commit();
        }

        assertThat(queries.execute(new ShardQuery.ScanLocks(b(""), null, 10))).isEqualTo(new ShardReply.Locks(List.of(
                new LockEntry(b("c"), new Lock(130, b("coord-1"), b("c@?"), 1_000)))));
        ShardReply meta = queries.execute(new ShardQuery.GetMeta("decision/0000000000000082"));
        assertThat(meta).isInstanceOfSatisfying(ShardReply.Meta.class, m -> assertThat(m.value()).isEqualTo(b("140")));
        assertThat(queries.execute(new ShardQuery.GetMeta("missing"))).isInstanceOfSatisfying(ShardReply.Meta.class,
                m -> assertThat(m.value()).isNull());
        assertThat(queries.execute(new ShardQuery.ScanMeta("decision/", 10))).isInstanceOfSatisfying(ShardReply.MetaEntries.class,
                m -> assertThat(m.entries()).containsOnlyKeys("decision/0000000000000082"));
    }

    @Test
    void anExtensionsQueryIsNotAnsweredByTheQueryExecutor() {
        ShardQuery.Extension foreign = new ShardQuery.Extension() {
            @Override
            public int tag() { return 0x19; }

            @Override
            public void writeBody(io.shardsql.storage.raft.command.ByteWriter out) {}
        };
        failed(queries.execute(foreign), ErrorCode.BAD_COMMAND);
    }

    @Test
    void checkReadsFailsOnAVersionCommittedAfterTheReadAndAtOrBelowTheCommit() {
        failed(queries.execute(check(50, 130, span("a"))), ErrorCode.SERIALIZATION_FAILURE);
        assertThat(queries.execute(check(50, 119, span("a")))).isEqualTo(new ShardReply.Done()); // 120 is above
        assertThat(queries.execute(check(50, 130, span("b")))).isEqualTo(new ShardReply.Done());
        failed(queries.execute(check(50, 130, new ShardQuery.CheckReads.Span(b(""), null))),
                ErrorCode.SERIALIZATION_FAILURE);
    }

    @Test
    void checkReadsMeetsAnotherTransactionsWriteIntentButNotItsOwnOrALaterOnesOrARowLock() {
        shard.apply(new ShardCommand.Prepare(60, b("coord-0"), 5_000, List.of(Mutation.put(b("b"), b("b@?")))));
        shard.apply(new ShardCommand.LockRows(40, b("coord-0"), 5_000, Lock.Mode.EXCLUSIVE, false,
                List.of(b("c"))));

        ShardReply.Failed locked = failed(queries.execute(check(50, 70, span("b"))), ErrorCode.KEY_LOCKED);
        assertThat(locked.lock().startTs()).isEqualTo(60);
        assertThat(locked.lockedKey()).isEqualTo(b("b"));
        assertThat(queries.execute(check(60, 70, span("b")))).isEqualTo(new ShardReply.Done()); // its own
        assertThat(queries.execute(check(50, 59, span("b")))).isEqualTo(new ShardReply.Done()); // starts later
        assertThat(queries.execute(check(50, 70, span("c")))).isEqualTo(new ShardReply.Done()); // a row lock
    }

    @Test
    void checkReadsBelowTheSafePointIsSnapshotTooOld() {
        shard.apply(new ShardCommand.CollectGarbage(100));

        failed(queries.execute(check(50, 130, span("b"))), ErrorCode.SNAPSHOT_TOO_OLD);
    }

    @Test
    void checkReadsTravelsThroughTheCodec() {
        ShardQuery.CheckReads q = check(50, 130, span("a"), new ShardQuery.CheckReads.Span(b("x"), null));
        ShardQuery.CheckReads back = (ShardQuery.CheckReads) io.shardsql.storage.raft.command.ShardCodec
                .decodeQuery(io.shardsql.storage.raft.command.ShardCodec.encode(q));

        assertThat(back.readTs()).isEqualTo(50);
        assertThat(back.upToTs()).isEqualTo(130);
        assertThat(back.spans()).hasSize(2);
        assertThat(back.spans().get(0).end()).isEqualTo(b("a\0"));
        assertThat(back.spans().get(1).end()).isNull();
    }

    private static ShardQuery.CheckReads check(long readTs, long upToTs, ShardQuery.CheckReads.Span... spans) {
        return new ShardQuery.CheckReads(readTs, upToTs, List.of(spans));
    }

    private static ShardQuery.CheckReads.Span span(String key) {
        return new ShardQuery.CheckReads.Span(b(key), b(key + "\0"));
    }

    private static ShardReply.Failed failed(ShardReply reply, ErrorCode code) {
        assertThat(reply).isInstanceOf(ShardReply.Failed.class);
        ShardReply.Failed failed = (ShardReply.Failed) reply;
        assertThat(failed.code()).as(failed.message()).isEqualTo(code);
        return failed;
    }

    private static KvEntry value(ShardReply reply) {
        assertThat(reply).isInstanceOf(ShardReply.Value.class);
        return ((ShardReply.Value) reply).entry();
    }

    private static List<KvEntry> entries(ShardReply reply) {
        assertThat(reply).isInstanceOf(ShardReply.Entries.class);
        return ((ShardReply.Entries) reply).entries();
    }

    private static KvEntry entry(String key, String value, long commitTs) {
        return new KvEntry(b(key), b(value), commitTs);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
