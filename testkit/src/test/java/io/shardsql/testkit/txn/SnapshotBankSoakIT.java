package io.shardsql.testkit.txn;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Soak (run with {@code -Psoak}): {@link SnapshotBankIT} with many more snapshots
 * ({@code -Dsnapshot.bank.soak.snapshots}, 100 by default), every backup restored and started.
 */
@Tag("soak")
@Timeout(7200)
class SnapshotBankSoakIT {
    @Test
    void manyBackupsTakenUnderTransfersAllRestoreToExactlyTheTransfersBelowTheirCuts() throws Exception {
        SnapshotBankIT.run(Integer.getInteger("snapshot.bank.soak.snapshots", 100), i -> true);
    }
}
