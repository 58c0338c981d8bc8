package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Kill a shard's leader under a concurrent write load: writes go on after the election, nothing acknowledged is lost. */
@Timeout(300)
class LeaderFailoverIT {

    @Test
    void killingAShardLeaderUnderLoadLosesNoAcknowledgedWrite() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(2).set("client.deadline", "20s"), cluster -> {
            Workload w = new Workload();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong ackedAfterKill = new AtomicLong();
            AtomicBoolean killed = new AtomicBoolean();
            List<Thread> writers = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                Thread th = new Thread(() -> {
                    for (int seq = 0; !stop.get(); seq++) {
                        if (w.write(cluster.client(), id + "-" + seq, "v" + seq) && killed.get()) ackedAfterKill.incrementAndGet();
                    }
                }, "writer-" + t);
                th.start();
                writers.add(th);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> w.acked.size() >= 200);
            int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
            cluster.stopNode(leader);
            killed.set(true);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(GroupName.shard(0)).isPresent());
            await().atMost(Duration.ofSeconds(60)).until(() -> ackedAfterKill.get() >= 300);
            stop.set(true);
            for (Thread th : writers) th.join();

            assertThat(cluster.leaderOf(GroupName.shard(0)).orElseThrow()).isNotEqualTo(leader);
            w.verify(cluster.client());
            cluster.startNode(leader); // the old leader comes back and catches up
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> // the leader may move meanwhile
                    cluster.division(leader, GroupName.shard(0)).getInfo().getLastAppliedIndex()
                            >= cluster.division(cluster.leaderOf(GroupName.shard(0)).orElseThrow(), GroupName.shard(0)).getRaftLog().getLastCommittedIndex());
            w.verify(cluster.client());
        });
    }
}
