package io.shardsql.storage.raft;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.Mutation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void queriesRoundTrip() {
        ShardQuery.Get get = (ShardQuery.Get) ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Get(b("k"), 77)));
        assertThat(get.key()).isEqualTo(b("k"));
        assertThat(get.readTs()).isEqualTo(77);
        ShardQuery.Scan scan = (ShardQuery.Scan) ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Scan(b("a"), null, 8, 100)));
        assertThat(scan.start()).isEqualTo(b("a"));
        assertThat(scan.end()).isNull();
        assertThat(scan.limit()).isEqualTo(100);
        assertThat(ShardCodec.decodeQuery(ShardCodec.encode(new ShardQuery.Status()))).isInstanceOf(ShardQuery.Status.class);
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
}
