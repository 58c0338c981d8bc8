package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.util.CodeInjectionForTesting;
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
 * rejoined its group as a new member: a log it has only partly refilled would let a stale peer win an
 * election and drop entries the cluster acknowledged.
 *
 * <p>Nodes A (leader), B, C. B is stopped, entries are written (acknowledged by A and C: only A and C
 * have them). C's store is damaged and C restarts, so it discards its log. While the link from A to C
 * drops appends past a point below B's last entry (Ratis' own test hook on the receiving side), A would
 * refill C's log only that far; then A stops and the stale B starts. B and C are a majority, and C's
 * log, non-empty and shorter than B's, would grant B its vote: B elected, the entries lost. With the fix
 * C is kept out of its group (no Raft division) until it has left the configuration — which needs A and
 * B — so no leader is elected until A returns, and then every acknowledged write is there and C is
 * brought back as a new member.
 */
@Timeout(300)
class DiscardedLogVoteIT {
    /** Ratis' injection point on a server receiving appendEntries ({@code RaftServerImpl.APPEND_ENTRIES}). */
    private static final String APPEND_ENTRIES = "RaftServerImpl.appendEntries";

    @Test
    void aReplicaThatLostItsLogDoesNotVoteUntilItHasRejoined() throws Exception {
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(1)
                .set("ratis.raft.server.log.appender.buffer.element-limit", 4); // refills in small steps
        MiniCluster.run(b, cluster -> {
            GroupName shard = GroupName.shard(0);
            RaftGroupId gid = cluster.groupId(shard);
            Workload w = new Workload();
            for (int i = 0; i < 60; i++) assertThat(w.write(cluster.client(), "x" + i, "v" + i)).isTrue();
            cluster.awaitPreferredLeaders(Duration.ofSeconds(60)); // the balancer leaves the leader alone from now on
            int a = cluster.leaderOf(shard).orElseThrow();
            int stale = (a + 1) % 3;
            int victim = (a + 2) % 3;
            await().atMost(Duration.ofSeconds(30)).until(() -> lastIndex(cluster, stale, shard)
                    >= cluster.division(a, shard).getRaftLog().getLastCommittedIndex());
            long staleLast = lastIndex(cluster, stale, shard);

            cluster.stopNode(stale);
            for (int i = 0; i < 120; i++) assertThat(w.write(cluster.client(), "y" + i, "v" + i)).isTrue();
            assertThat(cluster.leaderOf(shard)).contains(a); // acknowledged by A and C only
            cluster.stateMachine(victim, shard).takeSnapshot(); // its store's files are on disk to damage
            cluster.stopNode(victim);
            damageEverySstFile(cluster.replicaDir(victim, shard).resolve("sm"));

            long cut = staleLast - 10;
            RaftPeerId aId = RaftPeerId.valueOf(cluster.config(a).nodeId());
            RaftPeerId victimId = RaftPeerId.valueOf(cluster.config(victim).nodeId());
            CodeInjectionForTesting.put(APPEND_ENTRIES, (local, remote, args) -> {
                AppendEntriesRequestProto r = (AppendEntriesRequestProto) args[1];
                long first = r.getEntriesCount() == 0 ? -1 : r.getEntries(0).getIndex();
                if (local.equals(victimId) && remote.equals(aId) && first > cut && first <= staleLast
                        && RaftGroupId.valueOf(r.getServerRequest().getRaftGroupId().getId()).equals(gid)) {
                    throw new IllegalStateException("test: the link " + remote + " -> " + local
                            + " drops appends of entries " + cut + "+1 to " + staleLast);
                }
                return false;
            });
            try {
                cluster.startNode(victim);
                // A would refill C's log up to the cut, unless C is kept out of its group
                await().atMost(Duration.ofSeconds(60)).until(() -> setAside(cluster, victim, gid)
                        || lastIndex(cluster, victim, shard) >= cut);
                assertThat(setAside(cluster, victim, gid)).isTrue();
                cluster.stopNode(a);
            } finally {
                CodeInjectionForTesting.remove(APPEND_ENTRIES);
            }
            cluster.startNode(stale);

            // B is behind and C must not vote: no majority may form without A
            await().during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.leaderOf(shard).isEmpty());
            assertThat(setAside(cluster, victim, gid)).isTrue();

            cluster.startNode(a);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(shard).isPresent());
            w.verify(cluster.client());
            assertThat(Workload.readAll(cluster.client())).hasSize(180);
            await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() ->
                    !cluster.node(victim).replicas().rejoining(gid));
            assertThat(cluster.stateMachine(victim, shard).recoveredFromDamage()).isTrue();
            assertThat(cluster.stateMachine(victim, shard).discardedLog()).isTrue();
            int leader = cluster.leaderOf(shard).orElseThrow();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.division(victim, shard).getInfo().getLastAppliedIndex()
                            >= cluster.division(leader, shard).getRaftLog().getLastCommittedIndex());
            assertThat(Workload.readReplica(cluster.stateMachine(victim, shard)))
                    .isEqualTo(Workload.readAll(cluster.client()));
        });
    }

    /** The victim's replica is set aside: marked to rejoin and without a Raft division. */
    private static boolean setAside(MiniCluster cluster, int node, RaftGroupId gid) {
        return cluster.node(node).replicas().rejoining(gid) && !cluster.node(node).replicas().groupIds().contains(gid);
    }

    private static long lastIndex(MiniCluster cluster, int node, GroupName g) {
        try {
            TermIndex last = cluster.division(node, g).getRaftLog().getLastEntryTermIndex();
            return last == null ? -1 : last.getIndex();
        } catch (RuntimeException e) {
            return -1; // no division (set aside) or not started
        }
    }

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
