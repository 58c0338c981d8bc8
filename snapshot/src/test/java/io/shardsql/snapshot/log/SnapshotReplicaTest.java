package io.shardsql.snapshot.log;

import io.shardsql.common.ErrorCode;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.Mutation;
import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.CommandApplier;
import io.shardsql.storage.raft.machine.GroupExtensions;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.raft.machine.ScanFilters;
import io.shardsql.storage.raft.machine.StandaloneReplica;
import io.shardsql.txn.log.Decisions;
import io.shardsql.txn.log.TxnCommand;
import io.shardsql.txn.log.TxnLogExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The marker, the part and the epoch fence on one group, applied by storage's real command applier
 * over an in-memory store (which checkpoints to files like RocksDB's), with the transaction layer's
 * commands beside them as on a node.
 */
@Timeout(30)
class SnapshotReplicaTest {
    private static final GroupExtensions EXTENSIONS = GroupExtensions.of(
            new TxnLogExtension(() -> 1_000L, Duration.ofSeconds(3)), new SnapshotLogExtension());
    private static final byte[] OWNER = b("coord-0");

    @TempDir
    Path data;
    private InMemoryMvccStore store;
    private StandaloneReplica shard;

    @BeforeEach
    void open() {
        store = InMemoryMvccStore.create();
        shard = new StandaloneReplica(GroupName.shard(0), store, EXTENSIONS, ScanFilters.KEEP_ALL, data);
    }

    @Test
    void aMarkersPartHoldsExactlyTheStateBeforeIt() {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));
        apply(new ShardCommand.Prepare(20, OWNER, 5_000, List.of(put("b", "b@?"))));

        PartTaken part = part(apply(new SnapshotCommand.Marker(1, 100)));
        apply(new ShardCommand.CommitWrites(150, 200, List.of(put("a", "a@200"), put("c", "c@200"))));

        assertThat(part.ok()).as(String.valueOf(part.error())).isTrue();
        assertThat(part.index()).isEqualTo(2); // the entry before the marker
        assertThat(part.lockCount()).isEqualTo(1); // the prepared transaction: channel state
        assertThat(part.bytes()).isPositive();
        try (MvccStore copy = InMemoryMvccStore.open(data.resolve("backup").resolve("1"))) {
            assertThat(copy.get(b("a"), Long.MAX_VALUE - 1)).contains(new KvEntry(b("a"), b("a@10"), 10));
            assertThat(copy.get(b("c"), Long.MAX_VALUE - 1)).isEmpty();
            assertThat(copy.scanLocks(b(""), null, 10)).hasSize(1);
            assertThat(copy.appliedIndex().index()).isEqualTo(2);
        }
    }

    @Test
    void afterTheMarkerCommitsBelowTheCutAreRefusedAndWriteNothing() {
        apply(new ShardCommand.Prepare(20, OWNER, 5_000, List.of(put("a", "a@?"))));
        apply(new SnapshotCommand.Marker(1, 100));

        failed(apply(new ShardCommand.CommitWrites(30, 99, List.of(put("b", "b@99")))), ErrorCode.EPOCH_FENCED);
        failed(apply(new ShardCommand.CommitLocal(20, 99, List.of(b("a")))), ErrorCode.EPOCH_FENCED);
        assertThat(store.get(b("b"), 1_000)).isEmpty();
        assertThat(store.lock(b("a"))).as("the refused commit left the lock in place").isPresent();

        assertThat(apply(new ShardCommand.CommitLocal(20, 100, List.of(b("a"))))).isEqualTo(ShardReply.DONE);
        assertThat(store.get(b("a"), 100)).contains(new KvEntry(b("a"), b("a@?"), 100));
    }

    @Test
    void resolvesOfEarlierDecisionsAndAbortsPassTheFence() {
        apply(new ShardCommand.Prepare(20, OWNER, 5_000, List.of(put("a", "a@50"), put("b", "b@?"))));
        apply(new SnapshotCommand.Marker(1, 100));

        // decided at 50 in the coordinator before its own marker: the decision is in the coordinator's part
        assertThat(apply(new ShardCommand.Resolve(20, 50, List.of(b("a"))))).isEqualTo(ShardReply.DONE);
        assertThat(apply(new ShardCommand.Resolve(20, 0, List.of(b("b"))))).isEqualTo(ShardReply.DONE);
        assertThat(store.get(b("a"), 60)).contains(new KvEntry(b("a"), b("a@50"), 50));
    }

    @Test
    void aCoordinatorRefusesCommitDecisionsBelowTheCutButNotAborts() {
        apply(new SnapshotCommand.Marker(1, 100));

        failed(apply(new TxnCommand.RecordDecision(20, 99, b("r"))), ErrorCode.EPOCH_FENCED);
        assertThat(store.meta(Decisions.name(20))).isEmpty();
        assertThat(Decisions.commitTsOf(meta(apply(new TxnCommand.RecordDecision(21, 0, b("r")))))).isZero();
        assertThat(Decisions.commitTsOf(meta(apply(new TxnCommand.RecordDecision(20, 101, b("r")))))).isEqualTo(101);
    }

    @Test
    void aRepeatedMarkerAnswersAgainAndTakesNothingAnOlderOneIsRefused() throws Exception {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));
        PartTaken first = part(apply(new SnapshotCommand.Marker(2, 100)));
        apply(new ShardCommand.CommitWrites(150, 200, List.of(put("c", "c@200"))));
        Path partFile = Files.list(data.resolve("backup").resolve("2")).filter(p -> p.toString().endsWith(".bin"))
                .findFirst().orElseThrow();
        long written = Files.getLastModifiedTime(partFile).toMillis();

        PartTaken again = part(apply(new SnapshotCommand.Marker(2, 100)));

        assertThat(again).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(partFile).toMillis()).isEqualTo(written);
        try (MvccStore copy = InMemoryMvccStore.open(data.resolve("backup").resolve("2"))) {
            assertThat(copy.get(b("c"), 1_000)).isEmpty();
        }
        failed(apply(new SnapshotCommand.Marker(1, 100)), ErrorCode.SNAPSHOT_EPOCH_STALE);
    }

    @Test
    void aNewEpochRaisesTheFenceAndDropsTheOlderPart() {
        apply(new SnapshotCommand.Marker(1, 100));
        apply(new SnapshotCommand.Marker(2, 300));

        failed(apply(new ShardCommand.CommitWrites(5, 250, List.of(put("a", "x")))), ErrorCode.EPOCH_FENCED);
        assertThat(data.resolve("backup").resolve("1")).doesNotExist();
        assertThat(data.resolve("backup").resolve("2").resolve("CHECKPOINT.crc")).exists();
    }

    @Test
    void aMarkerReplayedAfterACrashBeforeItsCommitTakesThePartAgain() throws Exception {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));
        CommandApplier crashing = new CommandApplier(store, EXTENSIONS, new Context());
        try (MvccBatch batch = store.newBatch()) {
            crashing.apply(new SnapshotCommand.Marker(1, 100), batch); // the part is written ...
            Files.writeString(data.resolve("backup").resolve("1").resolve("junk"), "left by the crash");
        } // ... and the batch never commits: the replica died before it
        assertThat(store.meta(SnapshotReplica.EPOCH)).isEmpty();

        PartTaken part = part(apply(new SnapshotCommand.Marker(1, 100)));

        assertThat(part.ok()).isTrue();
        assertThat(data.resolve("backup").resolve("1").resolve("junk")).doesNotExist();
        try (MvccStore copy = InMemoryMvccStore.open(data.resolve("backup").resolve("1"))) {
            assertThat(copy.get(b("a"), 1_000)).contains(new KvEntry(b("a"), b("a@10"), 10));
        }
    }

    @Test
    void aReleaseDeletesThePartKeepsTheFenceAndRefusesALateMarkerOfItsEpoch() {
        apply(new SnapshotCommand.Marker(1, 100));
        assertThat(data.resolve("backup").resolve("1").resolve("CHECKPOINT.crc")).exists();

        assertThat(apply(new SnapshotCommand.Release(1))).isEqualTo(ShardReply.DONE);

        assertThat(data.resolve("backup").resolve("1")).doesNotExist();
        failed(apply(new ShardCommand.CommitWrites(5, 99, List.of(put("a", "x")))), ErrorCode.EPOCH_FENCED);
        failed(apply(new SnapshotCommand.Marker(1, 100)), ErrorCode.SNAPSHOT_EPOCH_STALE);
        assertThat(apply(new SnapshotCommand.Release(1))).as("a repeat").isEqualTo(ShardReply.DONE);
        assertThat(part(apply(new SnapshotCommand.Marker(2, 300))).ok()).isTrue();
        assertThat(data.resolve("backup").resolve("2").resolve("CHECKPOINT.crc")).exists();
    }

    @Test
    void aReleaseOfAnEpochNotMarkedHereRefusesItsLateMarker() {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));

        assertThat(apply(new SnapshotCommand.Release(3))).isEqualTo(ShardReply.DONE);

        failed(apply(new SnapshotCommand.Marker(3, 100)), ErrorCode.SNAPSHOT_EPOCH_STALE);
        assertThat(data.resolve("backup").resolve("3")).doesNotExist();
        assertThat(apply(new ShardCommand.CommitWrites(6, 50, List.of(put("b", "b@50"))))).as("no fence")
                .isEqualTo(ShardReply.DONE);
    }

    @Test
    void aReopenedReplicaDeletesThePartsOfEndedEpochsOnly() throws Exception {
        apply(new SnapshotCommand.Marker(2, 100));
        Files.createDirectories(data.resolve("backup").resolve("1")); // left by a crash or an install
        Files.createDirectories(data.resolve("backup").resolve("7.tmp")); // a newer marker, to be replayed
        StandaloneReplica reopened = new StandaloneReplica(GroupName.shard(0), store, EXTENSIONS,
                ScanFilters.KEEP_ALL, data);
        assertThat(data.resolve("backup").resolve("1")).doesNotExist();
        assertThat(data.resolve("backup").resolve("2").resolve("CHECKPOINT.crc")).as("its epoch has not ended")
                .exists();
        assertThat(data.resolve("backup").resolve("7.tmp")).exists();

        try (MvccBatch batch = store.newBatch()) { // the release arrives within an installed snapshot
            batch.putMeta(SnapshotReplica.RELEASED, CommandApplier.longBytes(2));
            batch.commit();
        }
        new StandaloneReplica(GroupName.shard(0), store, EXTENSIONS, ScanFilters.KEEP_ALL, data);

        assertThat(data.resolve("backup").resolve("2")).doesNotExist();
        assertThat(data.resolve("backup").resolve("7.tmp")).exists();
        failed(reopened.apply(new ShardCommand.CommitWrites(5, 99, List.of(put("a", "x")))), ErrorCode.EPOCH_FENCED);
    }

    @Test
    void aFlushChangesNothingAndItsQueryAnswersOnceTheFlushHasRun() throws Exception {
        List<Runnable> held = new java.util.ArrayList<>();
        GroupExtensions holding = GroupExtensions.of(new TxnLogExtension(() -> 1_000L, Duration.ofSeconds(3)),
                new SnapshotLogExtension(held::add));
        StandaloneReplica replica = new StandaloneReplica(GroupName.shard(0), store, holding, ScanFilters.KEEP_ALL,
                data);
        replica.apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));
        var metaBefore = store.metaScan("", Integer.MAX_VALUE);

        assertThat(replica.apply(new SnapshotCommand.Flush(1))).isEqualTo(ShardReply.DONE);
        var flushed = replica.query(new SnapshotQuery.Flushed(1));

        assertThat(held).as("the flush runs off the apply thread").hasSize(1);
        assertThat(flushed).isNotDone();
        held.remove(0).run();
        assertThat(flushed.get(5, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(ShardReply.DONE);
        assertThat(store.metaScan("", Integer.MAX_VALUE).keySet()).as("only the applied index moved")
                .isEqualTo(metaBefore.keySet());
        assertThat(data.resolve("backup")).doesNotExist();
        assertThat(replica.apply(new ShardCommand.CommitWrites(6, 11, List.of(put("b", "b@11"))))).as("no fence")
                .isEqualTo(ShardReply.DONE);
    }

    @Test
    void theFlushAndItsQueryKeepTheirTagsAndBodies() {
        byte[] command = ShardCodec.encode(new SnapshotCommand.Flush(3));
        assertThat(command).containsExactly(0x01, 0x0E, 0, 0, 0, 0, 0, 0, 0, 3);
        assertThat(ShardCodec.decodeCommand(command, EXTENSIONS.codecs())).isEqualTo(new SnapshotCommand.Flush(3));
        byte[] query = ShardCodec.encode(new SnapshotQuery.Flushed(4));
        assertThat(ShardCodec.decodeQuery(query, EXTENSIONS.codecs())).isEqualTo(new SnapshotQuery.Flushed(4));
    }

    @Test
    void theReleaseKeepsItsTagAndBody() {
        byte[] encoded = ShardCodec.encode(new SnapshotCommand.Release(3));
        assertThat(encoded).containsExactly(0x01, 0x0B, 0, 0, 0, 0, 0, 0, 0, 3);
        assertThat(ShardCodec.decodeCommand(encoded, EXTENSIONS.codecs())).isEqualTo(new SnapshotCommand.Release(3));
    }

    @Test
    void aMarkerReplayedAfterACrashInTheMiddleOfItsCheckpointRemovesThePartialPartFirst() throws Exception {
        apply(new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10"))));
        Path parts = data.resolve("backup");
        Files.createDirectories(parts.resolve("1.tmp"));
        Files.writeString(parts.resolve("1.tmp").resolve("000007.sst"), "half a file: the crash hit mid-copy");
        Files.createDirectories(parts.resolve("1"));
        Files.writeString(parts.resolve("1").resolve("stale"), "an unsealed part (no CHECKPOINT.crc)");

        PartTaken part = part(apply(new SnapshotCommand.Marker(1, 100)));

        assertThat(part.ok()).isTrue();
        assertThat(parts.resolve("1.tmp")).doesNotExist();
        assertThat(parts.resolve("1").resolve("stale")).doesNotExist();
        assertThat(parts.resolve("1").resolve("000007.sst")).doesNotExist();
        Checkpoints.Checkpoint cp = Checkpoints.read(parts.resolve("1")).orElseThrow();
        Checkpoints.verify(cp);
        try (var files = Files.list(parts.resolve("1"))) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> !f.equals(Checkpoints.MANIFEST)))
                    .containsExactlyInAnyOrderElementsOf(cp.files());
        }
        try (MvccStore copy = InMemoryMvccStore.open(parts.resolve("1"))) {
            assertThat(copy.get(b("a"), 1_000)).contains(new KvEntry(b("a"), b("a@10"), 10));
        }
    }

    @Test
    void theFenceKeptInMemoryIsTheStoresAMarkerWhoseBatchNeverCommitsRaisesNothing() throws Exception {
        CommandApplier replica = new CommandApplier(store, EXTENSIONS, new Context());
        commit(replica, new ShardCommand.CommitWrites(5, 10, List.of(put("a", "a@10")))); // fence 0, kept
        try (MvccBatch batch = store.newBatch()) {
            replica.apply(new SnapshotCommand.Marker(1, 100), batch);
        } // the marker's batch never commits: no fence

        assertThat(commit(replica, new ShardCommand.CommitWrites(6, 50, List.of(put("b", "b@50")))))
                .isNotInstanceOf(ShardReply.Failed.class);
        commit(replica, new SnapshotCommand.Marker(1, 100));
        failed(commit(replica, new ShardCommand.CommitWrites(7, 60, List.of(put("c", "c@60")))),
                ErrorCode.EPOCH_FENCED);
        assertThat(store.get(b("b"), 1_000)).contains(new KvEntry(b("b"), b("b@50"), 50));
        assertThat(store.get(b("c"), 1_000)).isEmpty();
    }

    private ShardReply commit(CommandApplier replica, ShardCommand command) {
        try (MvccBatch batch = store.newBatch()) {
            ShardReply reply = replica.apply(command, batch);
            batch.commit();
            return reply;
        }
    }

    @Test
    void theMarkerKeepsItsTagAndBodyAndIsNeverBatched() {
        byte[] encoded = ShardCodec.encode(new SnapshotCommand.Marker(1, 2));
        assertThat(encoded).containsExactly(0x01, 0x0A, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 2);
        assertThat(ShardCodec.decodeCommand(encoded, EXTENSIONS.codecs())).isEqualTo(new SnapshotCommand.Marker(1, 2));
    }

    private ShardReply apply(ShardCommand command) {
        return shard.apply(command);
    }

    private static PartTaken part(ShardReply reply) {
        return PartTaken.decode(meta(reply));
    }

    private static byte[] meta(ShardReply reply) {
        assertThat(reply).isInstanceOf(ShardReply.Meta.class);
        return ((ShardReply.Meta) reply).value();
    }

    private static void failed(ShardReply reply, ErrorCode code) {
        assertThat(reply).isInstanceOfSatisfying(ShardReply.Failed.class, f -> assertThat(f.code()).as(f.message()).isEqualTo(code));
    }

    private static Mutation put(String key, String value) {
        return Mutation.put(b(key), b(value));
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** The replica as the crashing applier sees it: the same store and directory. */
    private final class Context implements ReplicaContext {
        @Override
        public GroupName group() { return GroupName.shard(0); }

        @Override
        public String name() { return "test@shard-0"; }

        @Override
        public boolean isLeader() { return true; }

        @Override
        public long currentTerm() { return 1; }

        @Override
        public CompletableFuture<ShardReply> propose(ShardCommand command) {
            throw new UnsupportedOperationException("nothing proposes here");
        }

        @Override
        public ShardReply readLocal(ShardQuery query) { throw new UnsupportedOperationException("no reads here"); }

        @Override
        public MvccStore store() { return store; }

        @Override
        public Path dataDir() { return data; }

        @Override
        public void checkCommit(long commitTs, MvccBatch batch) {}
    }
}
