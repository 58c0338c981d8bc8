package io.shardsql.testkit.txn;

import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.history.CheckResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CI-sized run of {@link ListAppendFaultRun}: one fault of each kind (a node cut off both ways and
 * one way, a majority/minority split, a SIGSTOP pause, a {@code kill -9} and restart, a leadership
 * transfer) among three node processes for at least {@code list-append.faults.seconds} (60 s), then no
 * anomaly snapshot isolation forbids and no lost acknowledged append in the whole history. Skipped
 * where the machine does not allow network namespaces.
 */
@Timeout(900)
class ListAppendFaultsIT {
    private static final long SECONDS = Long.getLong("list-append.faults.seconds", 60);

    @Test
    void partitionsPausesKillsAndTransfersLeaveNoAnomaly() throws Exception {
        NetworkNamespaces.assumeAvailable();
        CheckResult r = ListAppendFaultRun.run("ListAppendFaultsIT", SECONDS);
        assertThat(r.anomalies()).as(r.summary()).isEmpty();
    }
}
