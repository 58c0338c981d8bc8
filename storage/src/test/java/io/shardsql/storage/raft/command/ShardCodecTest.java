package io.shardsql.storage.raft.command;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.Mutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

@Timeout(30)
class ShardCodecTest {

    private static byte[] b(String s) { return s.getBytes(java.nio.charset.StandardCharsets.UTF_8); }

    @Test
    void commandsRoundTrip() {
        ShardCommand cw = new ShardCommand.CommitWrites(5, 9, List.of(Mutation.put(b("k1"), b("v1")), Mutation.delete(b("k2"))));
        ShardCommand batch = new ShardCommand.Batch(List.of(cw, new ShardCommand.CollectGarbage(3)));
        assertThat(ShardCodec.decodeCommand(ShardCodec.encode(cw))).isEqualTo(cw);
        assertThat(ShardCodec.decodeCommand(ShardCodec.encode(batch))).isEqualTo(batch);
    }

    @Test
    void pointQueriesAreToldFromScans() {
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.Get(b("k"), 1)))).isTrue();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new Probe(3)))).isTrue();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.GetMeta("m")))).isTrue();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.Status()))).isTrue();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.Scan(b("a"), b("b"), 1, 10)))).isFalse();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.GetMany(List.of(b("a")), 1)))).isFalse();
        assertThat(ShardCodec.isPointQuery(ShardCodec.encode(new ShardQuery.ScanLocks(b("a"), null, 5)))).isFalse();
        assertThat(ShardCodec.isPointQuery(new byte[1])).isFalse();
    }

    @Test
    void queriesRoundTrip() {
        ShardQuery.Get get = (ShardQuery.Get) ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Get(b("k"), 77)));
        assertThat(get.key()).isEqualTo(b("k"));
        assertThat(get.readTs()).isEqualTo(77);
        ShardQuery.Scan scan = (ShardQuery.Scan) ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Scan(b("a"), null, 8, 100)));
        assertThat(scan.start()).isEqualTo(b("a"));
        assertThat(scan.end()).isNull();
        assertThat(scan.limit()).isEqualTo(100);
        assertThat(ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Status()))).isInstanceOf(ShardQuery.Status.class);
        ShardQuery.GetMany many = (ShardQuery.GetMany) ShardCodec.decodeQuery(ShardCodec.encode(
                new ShardQuery.GetMany(List.of(b("k1"), b(""), b("k3")), 91)));
        assertThat(many.keys()).containsExactly(b("k1"), b(""), b("k3"));
        assertThat(many.readTs()).isEqualTo(91);
    }

    @Test
    void repliesRoundTrip() {
        KvEntry e = new KvEntry(b("k"), b("v"), 12);
        Lock lock = new Lock(4, b("p"), null, 3000);
        List<ShardReply> replies = List.of(ShardReply.DONE, new ShardReply.Value(e), new ShardReply.Value(null),
                new ShardReply.Entries(List.of(e, e), b("k\0")), new ShardReply.Status(3, 99, 4096));
        for (ShardReply r : replies) assertThat(ShardCodec.decodeReply(ShardCodec.encode(r))).usingRecursiveComparison().isEqualTo(r);
        ShardReply.Failed f = (ShardReply.Failed) ShardCodec.decodeReply(ShardCodec.encode(
                new ShardReply.Failed(ErrorCode.KEY_LOCKED, "locked", b("k"), lock)));
        assertThat(f.code()).isEqualTo(ErrorCode.KEY_LOCKED);
        assertThat(f.lock()).isEqualTo(lock);
        assertThat(f.lockedKey()).isEqualTo(b("k"));
        ShardReply.Batched batched = (ShardReply.Batched) ShardCodec.decodeReply(ShardCodec.encode(
                new ShardReply.Batched(List.of(ShardReply.DONE, new ShardReply.Failed(ErrorCode.WRITE_CONFLICT, "c", null, null)))));
        assertThat(batched.replies()).hasSize(2);
        assertThat(((ShardReply.Failed) batched.replies().get(1)).code()).isEqualTo(ErrorCode.WRITE_CONFLICT);
    }

    @Test
    void malformedInputIsABadCommandNeverACrash() {
        byte[] good = ShardCodec.encode(new ShardCommand.CommitWrites(1, 2, List.of(Mutation.put(b("key"), b("value")))));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> ShardCodec.decodeCommand(truncated))
                    .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND));
        }
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] junk = new byte[random.nextInt(40)];
            random.nextBytes(junk);
            if (junk.length > 0) junk[0] = 1;
            try {
                ShardCodec.decodeCommand(junk);
            } catch (ShardSqlException e) {
                assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND);
            }
        }
    }

    @Test
    void commitTimestampMustFollowStart() {
        byte[] bad = new ByteWriter(32).u8(1).u8(0x01).i64(9).i64(9).i32(1).bytes(b("k")).bytes(b("v")).toByteArray();
        assertThatThrownBy(() -> ShardCodec.decodeCommand(bad)).hasMessageContaining("commitTs");
    }

    // ---------------------------------------------------------------- two-phase commit messages

    private static final Lock PUT_LOCK = new Lock(40, b("coord-2"), b("new"), 3_000);
    private static final Lock DELETE_LOCK = new Lock(41, b(""), null, 0);
    private static final Lock SHARED_LOCK = Lock.rowLock(42, b("coord-1"), 3_000, Lock.Mode.SHARED)
            .withSharer(Lock.rowLock(43, b("coord-3"), 4_000, Lock.Mode.SHARED));

    private static List<ShardCommand> twoPhaseCommands() {
        ShardCommand prepare = new ShardCommand.Prepare(40, b("coord-2"), 3_000,
                List.of(Mutation.put(b("k1"), b("v1")), Mutation.delete(b("k2")), Mutation.put(b(""), b(""))));
        ShardCommand resolve = new ShardCommand.Resolve(40, 50, List.of(b("k1"), b("k2"), b("")));
        return List.of(prepare,
                new ShardCommand.Prepare(Long.MAX_VALUE - 1, b(""), Long.MAX_VALUE, List.of(Mutation.delete(b("k")))),
                resolve,
                new ShardCommand.Resolve(40, 0, List.of()),
                new ShardCommand.CommitLocal(40, 50, List.of(b("k1"), b("\u00e9"))),
                new ShardCommand.CollectGarbage(99),
                new ShardCommand.LockRows(40, b("coord-2"), 3_000, Lock.Mode.EXCLUSIVE, false, List.of(b("k1"), b(""))),
                new ShardCommand.LockRows(41, b(""), 0, Lock.Mode.SHARED, true, List.of(b("k"))),
                new ShardCommand.Batch(List.of(prepare, resolve)),
                insertingPrepare(),
                new ShardCommand.Batch(List.of(resolve, insertingPrepare(), prepare)));
    }

    /** A Prepare with inserts among its mutations: tag 0x20, a flag before each mutation. */
    private static ShardCommand.Prepare insertingPrepare() {
        return new ShardCommand.Prepare(40, b("coord-2"), 3_000, List.of(Mutation.insert(b("k1"), b("v1")),
                Mutation.put(b("k3"), b("v3")), Mutation.delete(b("k2")), Mutation.insert(b(""), b(""))));
    }

    @Test
    void aPrepareWithInsertsHasItsOwnTagAndOneWithoutKeepsTheOldForm() {
        byte[] inserting = ShardCodec.encode(insertingPrepare());
        assertThat(inserting[1]).isEqualTo((byte) 0x20);
        assertThat(ShardCodec.encodedSize(insertingPrepare())).isEqualTo(inserting.length);
        ShardCommand plain = new ShardCommand.Prepare(40, b("coord-2"), 3_000, List.of(Mutation.put(b("k"), b("v"))));
        assertThat(ShardCodec.encode(plain)[1]).isEqualTo((byte) 0x04);
        byte[] badFlag = new ByteWriter(64).u8(1).u8(0x20).i64(40).bytes(b("o")).i64(1).i32(1).u8(2)
                .bytes(b("k")).bytes(b("v")).toByteArray();
        assertThatThrownBy(() -> ShardCodec.decodeCommand(badFlag)).hasMessageContaining("insert flag");
        byte[] insertedDelete = new ByteWriter(64).u8(1).u8(0x20).i64(40).bytes(b("o")).i64(1).i32(1).u8(1)
                .bytes(b("k")).bytes(null).toByteArray();
        assertThatThrownBy(() -> ShardCodec.decodeCommand(insertedDelete)).hasMessageContaining("without a value");
        assertThatThrownBy(() -> ShardCodec.encode(new ShardCommand.CommitWrites(1, 2,
                List.of(Mutation.insert(b("k"), b("v")))))).isInstanceOf(IllegalStateException.class);
    }

    private static List<ShardQuery> twoPhaseQueries() {
        return List.of(
                new ShardQuery.ScanLocks(b("a"), b("z"), 100),
                new ShardQuery.ScanLocks(b(""), null, Integer.MAX_VALUE),
                new ShardQuery.GetMeta("decision/00000000000000ff"),
                new ShardQuery.GetMeta(""),
                new ShardQuery.GetMeta("caf\u00e9 \u2603"),
                new ShardQuery.ScanMeta("decision/", 1),
                new ShardQuery.ScanMeta("", 1_000),
                new ShardQuery.ScanMeta("decision/", "decision/00000000000000ff", 1_000));
    }

    private static ShardReply.Locks locksReply() {
        return new ShardReply.Locks(List.of(new LockEntry(b("a"), PUT_LOCK), new LockEntry(b(""), DELETE_LOCK),
                new LockEntry(b("s"), SHARED_LOCK)));
    }

    private static ShardReply.MetaEntries metaEntriesReply() {
        TreeMap<String, byte[]> meta = new TreeMap<>();
        meta.put("decision/02", b("second"));
        meta.put("decision/01", b(""));
        meta.put("\u2603", b("snowman"));
        return new ShardReply.MetaEntries(meta);
    }

    private static List<ShardReply> twoPhaseReplies() {
        return List.of(
                new ShardReply.Meta(b("value")),
                new ShardReply.Meta(b("")),
                new ShardReply.Meta(null),
                metaEntriesReply(),
                new ShardReply.MetaEntries(new TreeMap<>()),
                locksReply(),
                new ShardReply.Locks(List.of()),
                new ShardReply.Timestamps(123L << 18, 1_000),
                new ShardReply.Timestamps(7, 2, new ShardReply.Value(null)),
                new ShardReply.Timestamps(7, 2, new ShardReply.Value(new KvEntry(b("\0sys/catalog/version"), b("12345678"), 5))),
                new ShardReply.Counter(Long.MAX_VALUE),
                new ShardReply.Failed(ErrorCode.KEY_LOCKED, "locked", b("k"), DELETE_LOCK),
                new ShardReply.Failed(ErrorCode.TXN_ABORTED, "aborted", null, null),
                new ShardReply.Failed(ErrorCode.UNIQUE_VIOLATION, "exists", b("k"), null),
                new ShardReply.Batched(List.of(ShardReply.DONE, locksReply(), new ShardReply.Counter(7), new ShardReply.Meta(null))));
    }

    @Test
    void twoPhaseCommandsRoundTrip() {
        for (ShardCommand c : twoPhaseCommands()) {
            byte[] encoded = ShardCodec.encode(c);
            ShardCommand decoded = ShardCodec.decodeCommand(encoded);
            assertThat(decoded).as("%s", c).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(c);
            assertThat(ShardCodec.encode(decoded)).as("%s re-encoded", c).isEqualTo(encoded);
        }
    }

    @Test
    void twoPhaseQueriesRoundTrip() {
        for (ShardQuery q : twoPhaseQueries()) {
            byte[] encoded = ShardCodec.encode(q);
            ShardQuery decoded = ShardCodec.decodeQuery(encoded);
            assertThat(decoded).as("%s", q).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(q);
            assertThat(ShardCodec.encode(decoded)).as("%s re-encoded", q).isEqualTo(encoded);
        }
    }

    @Test
    void twoPhaseRepliesRoundTrip() {
        for (ShardReply r : twoPhaseReplies()) {
            byte[] encoded = ShardCodec.encode(r);
            ShardReply decoded = ShardCodec.decodeReply(encoded);
            assertThat(decoded).as("%s", r).usingRecursiveComparison().withStrictTypeChecking().isEqualTo(r);
            assertThat(ShardCodec.encode(decoded)).as("%s re-encoded", r).isEqualTo(encoded);
        }
    }

    @Test
    void decodedLocksAndMetaEntriesKeepTheirContentAndOrder() {
        ShardReply.Locks locks = (ShardReply.Locks) ShardCodec.decodeReply(ShardCodec.encode(locksReply()));
        assertThat(locks.locks()).containsExactly(new LockEntry(b("a"), PUT_LOCK), new LockEntry(b(""), DELETE_LOCK),
                new LockEntry(b("s"), SHARED_LOCK));
        assertThat(locks.locks().get(1).lock().isDelete()).isTrue();

        ShardReply.MetaEntries meta = (ShardReply.MetaEntries) ShardCodec.decodeReply(ShardCodec.encode(metaEntriesReply()));
        assertThat(List.copyOf(meta.entries().keySet())).containsExactly("decision/01", "decision/02", "\u2603");
        assertThat(meta.entries().get("\u2603")).isEqualTo(b("snowman"));
    }

    @Test
    void everyTwoPhaseMessageCutShortIsABadCommand() {
        for (ShardCommand c : twoPhaseCommands()) assertEveryCutIsBad(ShardCodec.encode(c), ShardCodec::decodeCommand);
        for (ShardQuery q : twoPhaseQueries()) assertEveryCutIsBad(ShardCodec.encode(q), ShardCodec::decodeQuery);
        for (ShardReply r : twoPhaseReplies()) assertEveryCutIsBad(ShardCodec.encode(r), ShardCodec::decodeReply);
    }

    @Test
    void trailingBytesAfterATwoPhaseMessageAreABadCommand() {
        for (ShardCommand c : twoPhaseCommands()) assertBad(withExtraByte(ShardCodec.encode(c)), ShardCodec::decodeCommand);
        for (ShardQuery q : twoPhaseQueries()) assertBad(withExtraByte(ShardCodec.encode(q)), ShardCodec::decodeQuery);
        for (ShardReply r : twoPhaseReplies()) assertBad(withExtraByte(ShardCodec.encode(r)), ShardCodec::decodeReply);
    }

    @Test
    void corruptedTwoPhaseMessagesDecodeOrFailAsBadCommands() {
        Random random = new Random(7);
        List<byte[]> commands = twoPhaseCommands().stream().map(ShardCodec::encode).toList();
        List<byte[]> queries = twoPhaseQueries().stream().map(ShardCodec::encode).toList();
        List<byte[]> replies = twoPhaseReplies().stream().map(ShardCodec::encode).toList();
        for (int i = 0; i < 3_000; i++) {
            decodesOrIsBad(corrupt(commands.get(random.nextInt(commands.size())), random), ShardCodec::decodeCommand);
            decodesOrIsBad(corrupt(queries.get(random.nextInt(queries.size())), random), ShardCodec::decodeQuery);
            decodesOrIsBad(corrupt(replies.get(random.nextInt(replies.size())), random), ShardCodec::decodeReply);
        }
    }

    @Test
    void invalidTwoPhaseCommandsAreBadCommands() {
        List<byte[]> invalid = List.of(
                new ByteWriter(32).u8(1).u8(0x04).i64(5).bytes(b("owner")).i64(1).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x04).i64(5).bytes(null).i64(1).i32(1).bytes(b("k")).bytes(b("v")).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x04).i64(5).bytes(b("o")).i64(1).i32(1).bytes(null).bytes(b("v")).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x05).i64(5).i64(5).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x05).i64(5).i64(6).i32(1).bytes(null).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x06).i64(5).i64(6).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x06).i64(5).i64(4).i32(1).bytes(b("k")).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x07).i64(5).i64(6).bytes(null).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x07).i64(5).i64(3).bytes(b("r")).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x08).i32(Integer.MAX_VALUE).i64(1).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x08).i32(-1).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x02).i32(1).u8(0x02).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x0A).i64(1).toByteArray(),
                new ByteWriter(32).u8(2).u8(0x09).i64(1).toByteArray());
        for (byte[] message : invalid) assertBad(message, ShardCodec::decodeCommand);
    }

    @Test
    void invalidTwoPhaseQueriesAndRepliesAreBadCommands() {
        List<byte[]> queries = List.of(
                new ByteWriter(32).u8(1).u8(0x14).bytes(b("a")).bytes(null).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x14).bytes(null).bytes(null).i32(1).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x15).bytes(null).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x16).bytes(null).i32(1).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x16).string("p").i32(-1).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x17).i32(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x17).i32(1_000_001).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x18).toByteArray());
        for (byte[] message : queries) assertBad(message, ShardCodec::decodeQuery);
        List<byte[]> replies = List.of(
                new ByteWriter(32).u8(1).u8(0x28).i32(1).bytes(null).bytes(b("v")).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x28).i32(1).string("n").bytes(null).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x29).i32(1).bytes(b("k")).i64(1).bytes(null).bytes(null).i64(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x29).i32(1).bytes(null).i64(1).bytes(b("o")).bytes(null).i64(0).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x29).i32(1_000).toByteArray(),
                new ByteWriter(32).u8(1).u8(0x2C).toByteArray());
        for (byte[] message : replies) assertBad(message, ShardCodec::decodeReply);
    }

    @Test
    void aLengthThatRunsPastTheEndIsABadCommandHoweverLarge() {
        for (int length : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 100, 1 << 30, 64}) {
            assertBad(new ByteWriter(32).u8(1).u8(0x07).i64(5).i64(6).i32(length).toByteArray(), ShardCodec::decodeCommand);
            assertBad(new ByteWriter(32).u8(1).u8(0x04).i64(5).i32(length).toByteArray(), ShardCodec::decodeCommand);
            assertBad(new ByteWriter(32).u8(1).u8(0x15).i32(length).u8(0).toByteArray(), ShardCodec::decodeQuery);
            assertBad(new ByteWriter(32).u8(1).u8(0x27).i32(length).i64(0).toByteArray(), ShardCodec::decodeReply);
        }
    }

    private static void assertEveryCutIsBad(byte[] good, Function<byte[], ?> decode) {
        for (int cut = 0; cut < good.length; cut++) assertBad(Arrays.copyOf(good, cut), decode);
    }

    private static void assertBad(byte[] message, Function<byte[], ?> decode) {
        assertThat(catchThrowable(() -> decode.apply(message)))
                .as("decoding %s", HexFormat.of().formatHex(message))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND));
    }

    private static void decodesOrIsBad(byte[] message, Function<byte[], ?> decode) {
        try {
            decode.apply(message);
        } catch (ShardSqlException e) {
            assertThat(e.code()).as("decoding %s", HexFormat.of().formatHex(message)).isEqualTo(ErrorCode.BAD_COMMAND);
        }
    }

    private static byte[] withExtraByte(byte[] message) {
        return Arrays.copyOf(message, message.length + 1);
    }

    /** One to three random bytes of {@code message} (after the format byte) replaced. */
    private static byte[] corrupt(byte[] message, Random random) {
        byte[] out = message.clone();
        for (int n = 1 + random.nextInt(3); n > 0; n--) out[1 + random.nextInt(out.length - 1)] = (byte) random.nextInt(256);
        return out;
    }

    @Test
    void anExtensionsCommandsAndQueriesDecodeOnlyWithItsCodecs() {
        ExtensionCodecs codecs = new ExtensionCodecs.Builder().command(0x0A, Mark::read).query(0x19, Probe::read).build();
        ShardCommand batch = new ShardCommand.Batch(List.of(new Mark(7), new ShardCommand.CollectGarbage(1)));

        assertThat(ShardCodec.decodeCommand(ShardCodec.encode(new Mark(7)), codecs)).isEqualTo(new Mark(7));
        assertThat(ShardCodec.decodeCommand(ShardCodec.encode(batch), codecs)).isEqualTo(batch);
        assertThat(ShardCodec.decodeQuery(ShardCodec.encode(new Probe(5)), codecs)).isEqualTo(new Probe(5));
        assertThatThrownBy(() -> ShardCodec.decodeCommand(ShardCodec.encode(new Mark(7))))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_COMMAND));
        assertThatThrownBy(() -> new ExtensionCodecs.Builder().command(0x01, Mark::read))
                .as("storage's own tags are not free").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExtensionCodecs.Builder().command(0x0A, Mark::read).command(0x0A, Mark::read))
                .as("a tag is taken once").isInstanceOf(IllegalArgumentException.class);
    }

    /** An extension's command, as another module would add one. */
    private record Mark(long epoch) implements ShardCommand.Extension {
        @Override
        public int tag() { return 0x0A; }

        @Override
        public void writeBody(ByteWriter out) { out.i64(epoch); }

        static Mark read(ByteReader in) { return new Mark(in.i64()); }
    }

    /** An extension's query. */
    private record Probe(int n) implements ShardQuery.Extension {
        @Override
        public int tag() { return 0x19; }

        @Override
        public void writeBody(ByteWriter out) { out.i32(n); }

        static Probe read(ByteReader in) { return new Probe(in.i32()); }
    }
}
