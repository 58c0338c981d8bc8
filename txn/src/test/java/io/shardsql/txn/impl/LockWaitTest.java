package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Lock;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LockWaitTest {

    @Test
    void aWaitThatRanOutIsARetryableLockWaitTimeout() {
        LockWait wait = new LockWait(Duration.ZERO, io.shardsql.txn.spi.TxnClock.SYSTEM);
        assertThat(wait.expired()).isTrue();
        assertThatThrownBy(() -> wait.pause(new Lock(42, new byte[] {1}, null, 1000)))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.LOCK_WAIT_TIMEOUT);
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.getMessage()).contains("42");
                });
    }
}
