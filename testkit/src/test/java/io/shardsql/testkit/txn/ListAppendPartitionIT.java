package io.shardsql.testkit.txn;

import io.shardsql.testkit.NetworkNamespaces;
import io.shardsql.testkit.history.CheckResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The soak run of {@link ListAppendFaultRun}: partitions, pauses, kills and leadership transfers among
 * three node processes for {@code list-append.partition.seconds} (600 s), then no anomaly in the whole
 * history. Tagged {@code soak} (run with {@code -Psoak}); {@link ListAppendFaultsIT} is its CI-sized run.
 */
@Tag("soak")
@Timeout(1800)
class ListAppendPartitionIT {
    private static final long SECONDS = Long.getLong("list-append.partition.seconds", 600);

    @Test
    void partitionsPausesAndKillsLeaveNoAnomaly() throws Exception {
        NetworkNamespaces.assumeAvailable();
        CheckResult r = ListAppendFaultRun.run("ListAppendPartitionIT", SECONDS);
        assertThat(r.anomalies()).as(r.summary()).isEmpty();
    }
}
