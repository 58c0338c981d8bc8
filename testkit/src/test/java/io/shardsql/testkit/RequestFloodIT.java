package io.shardsql.testkit;

import io.shardsql.storage.raft.client.ClusterClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Far more requests in flight on one group than Ratis' client lets through by default (100), while
 * writes are sent from the callbacks of earlier writes' replies: everything is answered, and quickly.
 * With Ratis' default window a send from a reply callback blocked the thread delivering the group's
 * replies, and every request then waited for its timeout.
 */
// a separate thread: a thread stuck in Ratis' client does not answer to interrupts
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RequestFloodIT {

    @Test
    void manyReadsInFlightWhileRepliesStartWritesAllFinish() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(1).set("client.deadline", "60s"), cluster -> {
            ClusterClient client = cluster.client();
            client.put(key(-1), value(-1), 1, 2).get(30, TimeUnit.SECONDS);

            CompletableFuture<Integer> chain = writeChain(client, 0, 40);
            List<CompletableFuture<?>> reads = new ArrayList<>();
            for (int round = 0; round < 4; round++) {
                for (int i = 0; i < 500; i++) reads.add(client.get(key(-1), Long.MAX_VALUE - 1));
            }
            long started = System.nanoTime();
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(chain.get(30, TimeUnit.SECONDS)).isEqualTo(40);
            // every one of them would have waited for Ratis' 5 s request timeout when stuck
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(20);
            for (int i = 0; i < 40; i++) {
                assertThat(client.get(key(i), Long.MAX_VALUE - 1).get(30, TimeUnit.SECONDS)).isPresent();
            }
        });
    }

    /** Writes {@code from}, and from the callback of its reply the next one, up to {@code to}. */
    private static CompletableFuture<Integer> writeChain(ClusterClient client, int from, int to) {
        if (from == to) return CompletableFuture.completedFuture(to);
        return client.put(key(from), value(from), 10L + 2 * from, 11L + 2 * from)
                .thenCompose(done -> writeChain(client, from + 1, to));
    }

    private static byte[] key(int i) {
        return ("flood-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i) {
        return ("v" + i).getBytes(StandardCharsets.UTF_8);
    }
}
