package io.shardsql.txn;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TxnStateTest {

    @Test
    void finalStatesGoNowhere() {
        for (TxnState from : TxnState.values()) {
            if (!from.isFinal()) continue;
            for (TxnState to : TxnState.values()) assertThat(from.canMoveTo(to)).as("%s -> %s", from, to).isFalse();
        }
        assertThat(TxnState.COMMITTED.isFinal()).isTrue();
        assertThat(TxnState.ABORTED.isFinal()).isTrue();
        assertThat(TxnState.UNKNOWN.isFinal()).isTrue();
    }

    @Test
    void aTransactionCommitsOnlyThroughPreparingAndDecidingOrWithNothingWritten() {
        assertThat(TxnState.ACTIVE.canMoveTo(TxnState.PREPARING)).isTrue();
        assertThat(TxnState.ACTIVE.canMoveTo(TxnState.COMMITTED)).isTrue(); // nothing written
        assertThat(TxnState.ACTIVE.canMoveTo(TxnState.DECIDING)).isFalse();
        assertThat(TxnState.PREPARING.canMoveTo(TxnState.COMMITTED)).isFalse();
        assertThat(TxnState.PREPARING.canMoveTo(TxnState.DECIDING)).isTrue();
        assertThat(TxnState.DECIDING.canMoveTo(TxnState.COMMITTED)).isTrue();
        assertThat(TxnState.DECIDING.canMoveTo(TxnState.UNKNOWN)).isTrue();
        assertThat(TxnState.ACTIVE.canMoveTo(TxnState.UNKNOWN)).isFalse();
    }

    @Test
    void timestampsCarryTheirPhysicalTime() {
        long ts = Timestamps.ofMillis(1_700_000_000_123L) + 42;
        assertThat(Timestamps.physicalMillis(ts)).isEqualTo(1_700_000_000_123L);
        assertThat(Timestamps.ofMillis(1) - Timestamps.ofMillis(0)).isEqualTo(1L << Timestamps.LOGICAL_BITS);
    }
}
