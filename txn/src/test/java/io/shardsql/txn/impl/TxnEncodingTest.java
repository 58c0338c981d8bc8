package io.shardsql.txn.impl;

import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Mutation;
import io.shardsql.txn.log.Decisions;
import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TxnEncodingTest {

    @Test
    void lockOwnersRoundTrip() {
        assertThat(TxnOwner.decode(TxnOwner.LOCAL_SHARD.encode())).isEqualTo(TxnOwner.LOCAL_SHARD);
        TxnOwner coord = TxnOwner.coordinator(7);
        assertThat(TxnOwner.decode(coord.encode())).isEqualTo(coord);
        assertThat(coord.group().toString()).isEqualTo("coord-7");
        assertThatThrownBy(() -> TxnOwner.decode(new byte[] {9})).isInstanceOf(ShardSqlException.class);
    }

    @Test
    void decisionRecordsRoundTripThroughTheStoredForm() {
        DecisionRecord d = new DecisionRecord(100, 200, 1_700_000_000_000L,
                List.of(GroupName.CONTROL, GroupName.shard(3), GroupName.shard(15)));
        byte[] stored = ByteBuffer.allocate(8 + d.encodeRecord().length).putLong(200).put(d.encodeRecord()).array();
        DecisionRecord back = DecisionRecord.decode(100, stored);
        assertThat(back).isEqualTo(d);
        assertThat(back.committed()).isTrue();
        assertThat(Decisions.commitTsOf(stored)).isEqualTo(200);
        byte[] abort = new DecisionRecord(5, 0, 1, List.of()).encodeRecord();
        DecisionRecord aborted = DecisionRecord.decode(5,
                ByteBuffer.allocate(8 + abort.length).putLong(0).put(abort).array());
        assertThat(aborted.committed()).isFalse();
        assertThat(aborted.participants()).isEmpty();
    }

    @Test
    void theWriteBufferKeepsTheLastWriteInKeyOrderAndGroupsByShard() {
        WriteBuffer b = new WriteBuffer();
        b.put(k("b"), k("1"));
        b.put(k("a"), k("2"));
        b.delete(k("b"));
        b.put(k("c"), k("3"));
        assertThat(b.size()).isEqualTo(3);
        assertThat(b.contains(k("b"))).isTrue();
        assertThat(b.value(k("b"))).isNull();
        List<String> keys = new ArrayList<>();
        for (Iterator<Map.Entry<byte[], byte[]>> it = b.range(k("a"), k("c")); it.hasNext(); ) {
            keys.add(new String(it.next().getKey(), StandardCharsets.UTF_8));
        }
        assertThat(keys).containsExactly("a", "b");
        Map<GroupName, List<Mutation>> byGroup = b.byGroup(key -> key[0] == 'c' ? GroupName.CONTROL
                : GroupName.shard(0));
        assertThat(byGroup.keySet()).containsExactly(GroupName.CONTROL, GroupName.shard(0));
        assertThat(byGroup.get(GroupName.shard(0))).containsExactly(Mutation.put(k("a"), k("2")),
                Mutation.delete(k("b")));
    }

    @Test
    void theWriteBufferCopiesWhatItIsGiven() {
        WriteBuffer b = new WriteBuffer();
        byte[] value = k("x");
        b.put(k("a"), value);
        value[0] = 'y';
        assertThat(b.value(k("a"))).isEqualTo(k("x"));
    }

    private static byte[] k(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
