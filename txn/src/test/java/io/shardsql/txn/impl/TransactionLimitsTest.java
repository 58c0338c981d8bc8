package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bounds of a transaction (issue 17, hole 6): its write buffer stops at {@code txn.write-buffer-memory},
 * and a commit whose writes to one shard would not fit one Raft entry is refused before anything is proposed.
 */
@Timeout(30)
class TransactionLimitsTest extends TxnFixture {

    @Test
    void theWriteBufferCountsKeysValuesAndOverheadAndOverwritesReplaceTheirCount() {
        WriteBuffer b = new WriteBuffer(10_000);
        b.put(new byte[10], new byte[100]);
        assertThat(b.bytes()).isEqualTo(WriteBuffer.ENTRY_OVERHEAD + 110);
        b.put(new byte[10], new byte[20]); // the same key: its old value no longer counts
        assertThat(b.bytes()).isEqualTo(WriteBuffer.ENTRY_OVERHEAD + 30);
        b.delete(new byte[10]);
        assertThat(b.bytes()).isEqualTo(WriteBuffer.ENTRY_OVERHEAD + 10);
        b.delete(new byte[] {1});
        assertThat(b.bytes()).isEqualTo(2 * WriteBuffer.ENTRY_OVERHEAD + 11);
    }

    @Test
    void aWriteThatWouldPassTheBudgetIsRefusedAndLeavesTheBufferAsItWas() {
        WriteBuffer b = new WriteBuffer(1000);
        int i = 0;
        while (b.bytes() + WriteBuffer.ENTRY_OVERHEAD + 104 <= 1000) b.put(key(i++), new byte[100]);
        long before = b.bytes();
        int size = b.size();
        assertThatThrownBy(() -> b.put(key(99), new byte[100]))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.WRITE_BUFFER_MEMORY_EXCEEDED);
                    assertThat(e.code().sqlState()).isEqualTo("53200");
                    assertThat(e.getMessage()).contains("txn.write-buffer-memory").contains("1000");
                });
        assertThat(b.bytes()).isEqualTo(before);
        assertThat(b.size()).isEqualTo(size);
        assertThat(b.contains(key(99))).isFalse();
        b.put(key(0), new byte[50]); // shrinking a value still fits
        assertThat(b.bytes()).isEqualTo(before - 50);
    }

    @Test
    void aTransactionPastItsBudgetFailsAndCommitsNothing() {
        TxnFixture f = this;
        f.writeBufferMemory = 4096;
        f.txns = f.manager(Duration.ofSeconds(10));
        Transaction tx = f.txns.begin(TxnMode.READ_WRITE);
        assertThatThrownBy(() -> {
            for (int i = 0; i < 100; i++) tx.put(f.key(i % 3, "k" + i), new byte[100]);
        }).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.WRITE_BUFFER_MEMORY_EXCEEDED));
        tx.rollback();
        assertThat(f.read(f.key(0, "k0"))).isEmpty();
        assertThat(f.locks()).isEmpty();
    }

    @Test
    void aCommitWhoseWritesToAShardDoNotFitOneEntryIsRefusedBeforeAnythingIsProposed() {
        TxnFixture f = this;
        f.groups.setMaxCommandBytes(2000);
        Transaction tx = f.txns.begin(TxnMode.READ_WRITE);
        tx.put(f.key(1, "small"), new byte[10]);
        for (int i = 0; i < 30; i++) tx.put(f.key(0, "big" + i), new byte[100]);
        f.shard(0).clearReceived();
        f.shard(1).clearReceived();
        assertThatThrownBy(tx::commit).isInstanceOfSatisfying(ShardSqlException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.ENTRY_TOO_LARGE);
            assertThat(e.code().sqlState()).isEqualTo("54000");
            assertThat(e.getMessage()).contains("shard-0").contains("2000").contains("raft.log.entry-max-bytes");
        });
        assertThat(tx.state()).isEqualTo(TxnState.ABORTED);
        assertThat(f.shard(0).received()).isEmpty();
        assertThat(f.shard(1).received()).isEmpty();
        assertThat(f.locks()).isEmpty();

        Transaction fits = f.txns.begin(TxnMode.READ_WRITE); // the same writes, split over two transactions
        for (int i = 0; i < 15; i++) fits.put(f.key(0, "big" + i), new byte[100]);
        fits.commit();
        assertThat(f.read(f.key(0, "big0"))).isPresent();
    }

    private static byte[] key(int i) {
        return new byte[] {0, 0, 0, (byte) i};
    }
}
