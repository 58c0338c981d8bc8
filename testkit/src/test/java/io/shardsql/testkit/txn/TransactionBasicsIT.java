package io.shardsql.testkit.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transaction API on a real three-node cluster: commits on one and many shards, own writes, conflicts. */
@Timeout(120)
class TransactionBasicsIT {
    private static MiniCluster cluster;
    private static TransactionManager txns;

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(4).start();
        cluster.awaitReady();
        txns = cluster.transactions();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) cluster.close();
    }

    static byte[] k(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static String str(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    @Test
    void committedWritesOnManyShardsAreVisibleToLaterTransactions() {
        long commitTs;
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            for (int i = 0; i < 20; i++) tx.put(k("basic/" + i), k("v" + i));
            commitTs = tx.commit();
            assertThat(tx.state()).isEqualTo(TxnState.COMMITTED);
            assertThat(commitTs).isGreaterThan(tx.startTs());
        }
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            for (int i = 0; i < 20; i++) assertThat(str(tx.get(k("basic/" + i)).orElseThrow())).isEqualTo("v" + i);
            List<String> keys = new ArrayList<>();
            for (Iterator<KvEntry> it = tx.scan(k("basic/"), k("basic0")); it.hasNext(); ) keys.add(str(it.next().key()));
            assertThat(keys).hasSize(20).isSorted();
        }
    }

    @Test
    void singleShardTransactionCommits() {
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.put(k("single"), k("one"));
            tx.commit();
        }
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(str(tx.get(k("single")).orElseThrow())).isEqualTo("one");
        }
    }

    @Test
    void aTransactionReadsItsOwnWritesAndDeletes() {
        try (Transaction setup = txns.begin(TxnMode.READ_WRITE)) {
            setup.put(k("own/a"), k("1"));
            setup.put(k("own/b"), k("2"));
            setup.commit();
        }
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.put(k("own/c"), k("3"));
            tx.delete(k("own/a"));
            tx.put(k("own/b"), k("22"));
            assertThat(tx.get(k("own/a"))).isEmpty();
            assertThat(str(tx.get(k("own/b")).orElseThrow())).isEqualTo("22");
            List<String> seen = new ArrayList<>();
            for (Iterator<KvEntry> it = tx.scan(k("own/"), k("own0")); it.hasNext(); ) {
                KvEntry e = it.next();
                seen.add(str(e.key()) + "=" + str(e.value()));
            }
            assertThat(seen).containsExactly("own/b=22", "own/c=3");
            tx.rollback();
        }
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(tx.get(k("own/a"))).isPresent();
            assertThat(tx.get(k("own/c"))).isEmpty();
        }
    }

    @Test
    void theSecondOfTwoConcurrentWritersOfAKeyFails() {
        Transaction first = txns.begin(TxnMode.READ_WRITE);
        Transaction second = txns.begin(TxnMode.READ_WRITE);
        first.put(k("conflict/x"), k("first"));
        first.put(k("conflict/y"), k("first"));
        second.put(k("conflict/x"), k("second"));
        first.commit();
        assertThatThrownBy(second::commit).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_CONFLICT));
        assertThat(second.state()).isEqualTo(TxnState.ABORTED);
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(str(tx.get(k("conflict/x")).orElseThrow())).isEqualTo("first");
        }
    }

    @Test
    void systemKeysLiveInControlAndCommitAtomicallyWithData() {
        byte[] catalogKey = k("\0sys/test/catalog-entry");
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.put(catalogKey, k("v1"));
            tx.put(k("data/with-catalog"), k("row"));
            tx.commit(); // control and a shard: decided by the coordinator
        }
        try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
            tx.put(catalogKey, k("v2"));
            tx.commit(); // control alone: decided in control's own log
        }
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThat(str(tx.get(catalogKey).orElseThrow())).isEqualTo("v2");
            assertThat(str(tx.get(k("data/with-catalog")).orElseThrow())).isEqualTo("row");
            Iterator<KvEntry> sys = tx.scan(k("\0sys/test/"), k("\0sys/test0"));
            assertThat(str(sys.next().key())).isEqualTo("\0sys/test/catalog-entry");
            assertThat(sys.hasNext()).isFalse();
        }
        assertThat(cluster.client().groupOf(catalogKey)).isEqualTo(io.shardsql.storage.raft.GroupName.CONTROL);
    }

    @Test
    void readOnlyTransactionsRefuseWrites() {
        try (Transaction tx = txns.begin(TxnMode.READ_ONLY)) {
            assertThatThrownBy(() -> tx.put(k("ro"), k("x"))).isInstanceOfSatisfying(ShardSqlException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.READ_ONLY_TRANSACTION));
        }
    }

    @Test
    void timestampsIncreaseStrictly() {
        long last = 0;
        for (int i = 0; i < 1000; i++) {
            long ts = txns.now();
            assertThat(ts).isGreaterThan(last);
            last = ts;
        }
    }
}
