package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.protocol.TermIndex;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that discarded its log (damaged files, no sound checkpoint) must not vote until it has
 * rejoined its group as a new member: with an empty log it would grant its vote to any candidate, and
 * together with a stale peer it is a majority that elects a leader lacking acknowledged entries.
 *
 * <p>Nodes A (leader), B, C of one shard. B is stopped and entries are written: acknowledged by A and C,
 * only they have them. C's files are damaged beyond repair and A stops too (one more failure). C and the
 * stale B start: they are a majority, and C, with an empty log, would vote for B — B elected, and the
 * entries gone once A returns and follows it. With the fix C is set aside before its Raft server loads
 * it (no division: it neither votes nor stands) until it has left the configuration, which needs A and
 * B; so no leader is elected until A is back. Then every acknowledged write is there and C is caught up
 * and added back as a new member.
 */
@Timeout(240)
class DiscardedLogVoteIT {

    @Test
    void aReplicaThatLostItsLogDoesNotVoteUntilItHasRejoined() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(1), cluster -> {
            GroupName shard = GroupName.shard(0);
            RaftGroupId gid = cluster.groupId(shard);
            Workload w = new Workload();
            for (int i = 0; i < 40; i++) assertThat(w.write(cluster.client(), "x" + i, "v" + i)).isTrue();
            cluster.awaitPreferredLeaders(Duration.ofSeconds(60)); // the balancer leaves the leader alone now
            int a = cluster.leaderOf(shard).orElseThrow();
            int stale = (a + 1) % 3;
            int victim = (a + 2) % 3;
            await().atMost(Duration.ofSeconds(30)).until(() -> lastIndex(cluster, stale, shard)
                    >= cluster.division(a, shard).getRaftLog().getLastCommittedIndex());

            cluster.stopNode(stale);
            for (int i = 0; i < 100; i++) assertThat(w.write(cluster.client(), "y" + i, "v" + i)).isTrue();
            assertThat(cluster.leaderOf(shard)).contains(a); // the y's are acknowledged by A and C only
            long staleLast = cluster.division(a, shard).getRaftLog().getLastCommittedIndex();
            assertThat(lastIndex(cluster, victim, shard)).isGreaterThanOrEqualTo(staleLast);
            cluster.stateMachine(victim, shard).takeSnapshot(); // its store's files are on disk to damage
            cluster.stopNode(victim);
            damageEverySstFile(cluster.replicaDir(victim, shard).resolve("sm"));
            cluster.stopNode(a);

            cluster.startNode(victim);
            cluster.startNode(stale);
            // C lost its log and B lacks the y's: C must not vote, so B and C elect nobody
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.leaderOf(shard).isEmpty());
            assertThat(cluster.node(victim).replicas().groupIds()).doesNotContain(gid); // set aside: no division
            assertThat(cluster.node(victim).replicas().rejoining(gid)).isTrue();

            cluster.startNode(a);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(shard).isPresent());
            w.verify(cluster.client());
            assertThat(Workload.readAll(cluster.client())).hasSize(140);

            // C left the configuration and was added back as a new member, caught up from the leader
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    !cluster.node(victim).replicas().rejoining(gid));
            int leader = cluster.leaderOf(shard).orElseThrow();
            RaftPeerId victimId = RaftPeerId.valueOf(cluster.config(victim).nodeId());
            assertThat(cluster.division(leader, shard).getRaftConf().getCurrentPeers())
                    .extracting(RaftPeer::getId).contains(victimId);
            assertThat(cluster.stateMachine(victim, shard).discardedLog()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.division(victim, shard).getInfo().getLastAppliedIndex()
                            >= cluster.division(leader, shard).getRaftLog().getLastCommittedIndex());
            assertThat(Workload.readReplica(cluster.stateMachine(victim, shard)))
                    .isEqualTo(Workload.readAll(cluster.client()));
        });
    }

    private static long lastIndex(MiniCluster cluster, int node, GroupName g) {
        TermIndex last = cluster.division(node, g).getRaftLog().getLastEntryTermIndex();
        return last == null ? -1 : last.getIndex();
    }

    /** Truncates every store and checkpoint file of the replica: no sound state is left to recover. */
    private static void damageEverySstFile(Path sm) throws Exception {
        List<Path> ssts;
        try (Stream<Path> files = Files.walk(sm)) {
            ssts = files.filter(p -> p.toString().endsWith(".sst")).toList();
        }
        assertThat(ssts).isNotEmpty();
        for (Path sst : ssts) {
            try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
        }
    }
}
