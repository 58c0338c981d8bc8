package io.shardsql.txn.log;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardCommand;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import io.shardsql.storage.raft.machine.CommandApplier;
import io.shardsql.storage.raft.machine.GroupExtensions;
import io.shardsql.storage.raft.machine.ReplicaContext;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The transaction layer's commands applied by storage's {@link CommandApplier} through
 * {@link TxnLogExtension}, over a real RocksDB store, one committed batch per command as the state
 * machine does: write-once decisions of coordinators, and the timestamp limit of {@code control}.
 */
@Timeout(30)
class TxnReplicaTest {
    private static final long MIB = 1L << 20;
    private static final GroupExtensions TXN =
            GroupExtensions.of(new TxnLogExtension(() -> 1_000L, Duration.ofSeconds(3)));

    @TempDir
    Path tempDir;
    private RocksEnvironment env;
    private MvccStore store;
    private CommandApplier applier;
    private long index;

    @BeforeEach
    void openStore() {
        env = RocksEnvironment.create(new RocksSettings(16 * MIB, 8 * MIB, 8 * MIB, 2));
        store = RocksMvccStore.open(tempDir.resolve("store"), env, false);
        applier = new CommandApplier(store, TXN, new Standalone());
    }

    @AfterEach
    void closeStore() {
        store.close();
        env.close();
    }

    @Test
    void theFirstRecordedDecisionWins() {
        byte[] commit = Decisions.encode(30, b("participants: s1 s2"));

        assertThat(meta(apply(new TxnCommand.RecordDecision(20, 30, b("participants: s1 s2"))))).isEqualTo(commit);
        assertThat(meta(apply(new TxnCommand.RecordDecision(20, 0, b("abort by recovery"))))).isEqualTo(commit);
        assertThat(meta(apply(new TxnCommand.RecordDecision(20, 40, b("other"))))).isEqualTo(commit);
        assertThat(store.meta(Decisions.name(20))).hasValueSatisfying(v -> assertThat(v).isEqualTo(commit));

        byte[] abort = Decisions.encode(0, b("abort by recovery"));
        assertThat(meta(apply(new TxnCommand.RecordDecision(21, 0, b("abort by recovery"))))).isEqualTo(abort);
        assertThat(meta(apply(new TxnCommand.RecordDecision(21, 30, b("late commit"))))).isEqualTo(abort);
        assertThat(Decisions.commitTsOf(store.meta(Decisions.name(21)).orElseThrow())).isZero();
    }

    @Test
    void aCommitDecisionBelowTheSafePointIsRefused() {
        apply(new ShardCommand.CollectGarbage(100));

        failed(apply(new TxnCommand.RecordDecision(99, 120, b("r"))), ErrorCode.TXN_ABORTED);

        assertThat(store.meta(Decisions.name(99))).isEmpty();
        assertThat(Decisions.commitTsOf(meta(apply(new TxnCommand.RecordDecision(99, 0, b("r")))))).isZero();
        assertThat(Decisions.commitTsOf(meta(apply(new TxnCommand.RecordDecision(100, 120, b("r")))))).isEqualTo(120);
        apply(new ShardCommand.CollectGarbage(50)); // the safe point never goes down
        failed(apply(new TxnCommand.RecordDecision(60, 70, b("r"))), ErrorCode.TXN_ABORTED);
    }

    @Test
    void aDecisionRecordedBeforeTheSafePointPassedItIsStillReturned() {
        byte[] commit = meta(apply(new TxnCommand.RecordDecision(50, 60, b("r"))));
        apply(new ShardCommand.CollectGarbage(100));

        assertThat(meta(apply(new TxnCommand.RecordDecision(50, 60, b("r"))))).isEqualTo(commit);
    }

    @Test
    void collectingGarbageDropsAbortDecisionsBelowTheSafePointAndKeepsCommitDecisions() {
        apply(new TxnCommand.RecordDecision(10, 0, b("aborted")));
        apply(new TxnCommand.RecordDecision(20, 30, b("committed")));
        apply(new TxnCommand.RecordDecision(50, 0, b("aborted")));
        apply(new TxnCommand.RecordDecision(100, 0, b("aborted at the safe point")));
        apply(new TxnCommand.RecordDecision(150, 0, b("aborted above")));

        assertThat(apply(new ShardCommand.CollectGarbage(100))).isEqualTo(ShardReply.DONE);

        assertThat(store.metaScan(Decisions.PREFIX, 100).keySet())
                .containsExactly(Decisions.name(20), Decisions.name(100), Decisions.name(150));
        assertThat(Decisions.recordOf(store.meta(Decisions.name(20)).orElseThrow())).isEqualTo(b("committed"));
    }

    @Test
    void forgettingDecisionsDeletesThem() {
        apply(new TxnCommand.RecordDecision(10, 15, b("r")));
        apply(new TxnCommand.RecordDecision(20, 25, b("r")));
        apply(new TxnCommand.RecordDecision(30, 0, b("r")));

        assertThat(apply(new TxnCommand.ForgetDecisions(List.of(10L, 30L, 99L)))).isEqualTo(ShardReply.DONE);

        assertThat(store.metaScan(Decisions.PREFIX, 100).keySet()).containsExactly(Decisions.name(20));
    }

    @Test
    void aHeartbeatExtendsAnUndecidedTransactionsLifeAndNeverShortensIt() {
        assertThat(apply(new TxnCommand.Heartbeat(20, 5_000))).isEqualTo(ShardReply.DONE);
        assertThat(apply(new TxnCommand.Heartbeat(20, 4_000))).isEqualTo(ShardReply.DONE);

        assertThat(Heartbeats.aliveUntilOf(store.meta(Heartbeats.name(20)).orElseThrow())).isEqualTo(5_000);
    }

    @Test
    void anAbortOfAStaleTransactionIsRefusedWhileItsHeartbeatCoversNowAndLoggedAfter() {
        apply(new TxnCommand.Heartbeat(20, 5_000));

        assertThat(meta(apply(new TxnCommand.AbortIfStale(20, 4_999, b("abort"))))).isNull();
        assertThat(meta(apply(new TxnCommand.AbortIfStale(20, 5_000, b("abort"))))).isNull();
        assertThat(store.meta(Decisions.name(20))).isEmpty();

        byte[] abort = meta(apply(new TxnCommand.AbortIfStale(20, 5_001, b("abort"))));
        assertThat(abort).isEqualTo(Decisions.encode(0, b("abort")));
        assertThat(store.meta(Heartbeats.name(20))).as("decided: the heartbeat goes").isEmpty();
        assertThat(meta(apply(new TxnCommand.Heartbeat(20, 9_000)))).as("a late beat learns the abort")
                .isEqualTo(abort);
        assertThat(store.meta(Heartbeats.name(20))).isEmpty();
    }

    @Test
    void anAbortOfATransactionThatNeverBeatIsLoggedAndADecisionAlreadyThereIsReturned() {
        assertThat(Decisions.commitTsOf(meta(apply(new TxnCommand.AbortIfStale(20, 1, b("abort")))))).isZero();

        byte[] commit = meta(apply(new TxnCommand.RecordDecision(30, 35, b("r"))));
        assertThat(meta(apply(new TxnCommand.AbortIfStale(30, 1_000_000, b("abort"))))).isEqualTo(commit);
    }

    @Test
    void aCommitDecisionDropsTheHeartbeatAndCollectingGarbageDropsHeartbeatsBelowTheSafePoint() {
        apply(new TxnCommand.Heartbeat(10, 5_000));
        apply(new TxnCommand.Heartbeat(20, 5_000));
        apply(new TxnCommand.Heartbeat(200, 5_000));
        apply(new TxnCommand.RecordDecision(20, 25, b("r")));

        apply(new ShardCommand.CollectGarbage(100));

        assertThat(store.metaScan(Heartbeats.PREFIX, 100).keySet()).containsExactly(Heartbeats.name(200));
    }

    @Test
    void theTimestampLimitIsRaisedButNeverLoweredAndEachRaiseRepliesTheLimitItReplaced() {
        assertThat(apply(new TxnCommand.RaiseTimestampLimit(1_000))).isEqualTo(new ShardReply.Counter(0));
        assertThat(apply(new TxnCommand.RaiseTimestampLimit(500))).isEqualTo(new ShardReply.Counter(1_000));
        assertThat(longMeta(TxnReplica.TIMESTAMP_LIMIT)).isEqualTo(1_000);
        assertThat(apply(new TxnCommand.RaiseTimestampLimit(2_000))).isEqualTo(new ShardReply.Counter(1_000));
        assertThat(longMeta(TxnReplica.TIMESTAMP_LIMIT)).isEqualTo(2_000);
    }

    @Test
    void aTransactionCommandInABatchIsAppliedBesideStoragesOwn() {
        ShardReply reply = apply(new ShardCommand.Batch(List.of(
                new TxnCommand.RaiseTimestampLimit(7),
                new TxnCommand.RecordDecision(3, 4, b("r")))));

        assertThat(reply).isInstanceOfSatisfying(ShardReply.Batched.class, batched -> {
            assertThat(batched.replies().get(0)).isEqualTo(new ShardReply.Counter(0));
            assertThat(Decisions.commitTsOf(meta(batched.replies().get(1)))).isEqualTo(4);
        });
        assertThat(longMeta(TxnReplica.TIMESTAMP_LIMIT)).isEqualTo(7);
    }

    @Test
    void transactionCommandsAndQueriesKeepTheirTagsAndBodiesAndDecodeOnlyWithTheExtension() {
        List<ShardCommand> commands = List.of(new TxnCommand.RecordDecision(40, 50, b("participants")),
                new TxnCommand.RecordDecision(41, 0, b("")),
                new TxnCommand.ForgetDecisions(List.of(1L, -1L, Long.MAX_VALUE)),
                new TxnCommand.ForgetDecisions(List.of()), new TxnCommand.RaiseTimestampLimit(0),
                new TxnCommand.Heartbeat(7, Long.MAX_VALUE), new TxnCommand.AbortIfStale(8, 9, b("r")),
                new ShardCommand.Batch(List.of(new TxnCommand.RaiseTimestampLimit(Long.MAX_VALUE))));
        for (ShardCommand c : commands) {
            byte[] encoded = ShardCodec.encode(c);
            assertThat(ShardCodec.encode(ShardCodec.decodeCommand(encoded, TXN.codecs()))).isEqualTo(encoded);
            assertThatThrownBy(() -> ShardCodec.decodeCommand(encoded)).as("without the extension")
                    .isInstanceOfSatisfying(ShardSqlException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND));
        }
        byte[] raise = ShardCodec.encode(new TxnCommand.RaiseTimestampLimit(0x0102));
        assertThat(raise).containsExactly(0x01, 0x09, 0, 0, 0, 0, 0, 0, 0x01, 0x02);
        for (NextTimestamps q : List.of(new NextTimestamps(1), new NextTimestamps(3, b("\0sys/catalog/version")))) {
            byte[] encoded = ShardCodec.encode(q);
            assertThat(ShardCodec.isPointQuery(encoded)).isTrue();
            assertThat(ShardCodec.encode(ShardCodec.decodeQuery(encoded, TXN.codecs()))).isEqualTo(encoded);
        }
    }

    private ShardReply apply(ShardCommand command) {
        try (MvccBatch batch = store.newBatch()) {
            ShardReply reply = applier.apply(command, batch);
            batch.setAppliedIndex(1, ++index);
            batch.commit();
            return reply;
        }
    }

    private long longMeta(String name) {
        return ByteBuffer.wrap(store.meta(name).orElseThrow()).getLong();
    }

    private static ShardReply.Failed failed(ShardReply reply, ErrorCode code) {
        assertThat(reply).isInstanceOf(ShardReply.Failed.class);
        ShardReply.Failed failed = (ShardReply.Failed) reply;
        assertThat(failed.code()).as(failed.message()).isEqualTo(code);
        return failed;
    }

    private static byte[] meta(ShardReply reply) {
        assertThat(reply).isInstanceOf(ShardReply.Meta.class);
        return ((ShardReply.Meta) reply).value();
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A replica alone: it leads, proposes nothing, and checks no commit (no snapshot fence). */
    private final class Standalone implements ReplicaContext {
        @Override
        public GroupName group() { return GroupName.CONTROL; }

        @Override
        public String name() { return "n1@control"; }

        @Override
        public boolean isLeader() { return true; }

        @Override
        public long currentTerm() { return 1; }

        @Override
        public CompletableFuture<ShardReply> propose(ShardCommand command) {
            return CompletableFuture.completedFuture(apply(command));
        }

        @Override
        public ShardReply readLocal(ShardQuery query) { throw new UnsupportedOperationException("no reads here"); }

        @Override
        public MvccStore store() { return store; }

        @Override
        public Path dataDir() { return null; }

        @Override
        public void checkCommit(long commitTs, MvccBatch batch) {}
    }
}
