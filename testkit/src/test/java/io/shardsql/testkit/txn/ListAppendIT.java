package io.shardsql.testkit.txn;

import io.shardsql.storage.raft.machine.CommandApplier;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.history.Anomaly;
import io.shardsql.testkit.history.CheckResult;
import io.shardsql.testkit.history.ListAppendWorkload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The history checker against a real cluster (3 nodes, 4 shards, JDBC clients on every node): the
 * same list-append run finds no anomaly on the engine as it is, and lost updates once the test-only
 * {@link CommandApplier#TEST_SKIP_WRITE_CONFLICT_CHECK} switches the write-conflict check off — so
 * the checker can fail, and the check it relies on is the engine's.
 */
@Timeout(300)
class ListAppendIT {
    private static final int CLIENTS = 10;
    private static final int TRANSACTIONS = Integer.getInteger("list-append.transactions", 250);

    @Test
    void theEngineAsItIsShowsNoAnomaly() throws Exception {
        CheckResult r = run("ListAppendIT (engine as it is)");
        assertThat(r.anomalies()).as(r.summary()).isEmpty();
    }

    @Test
    void withoutTheWriteConflictCheckTheCheckerFindsLostUpdates() throws Exception {
        System.setProperty(CommandApplier.TEST_SKIP_WRITE_CONFLICT_CHECK, "true");
        CheckResult r;
        try {
            r = run("ListAppendIT (write-conflict check skipped)");
        } finally {
            System.clearProperty(CommandApplier.TEST_SKIP_WRITE_CONFLICT_CHECK);
        }
        assertThat(r.of(Anomaly.Type.LOST_UPDATE)).as(r.summary()).isNotEmpty();
    }

    private static CheckResult run(String name) throws Exception {
        CheckResult[] result = new CheckResult[1];
        MiniCluster.run(BankIT.cluster(), cluster -> {
            long started = System.nanoTime();
            ListAppendWorkload w = ListAppendRun.workload(cluster);
            w.start(CLIENTS, 17);
            await(TRANSACTIONS + " transactions acknowledged").atMost(Duration.ofSeconds(180))
                    .pollInterval(Duration.ofMillis(200)).until(() -> w.ok() >= TRANSACTIONS);
            result[0] = ListAppendRun.finish(name, w, started, "none");
        });
        return result[0];
    }
}
