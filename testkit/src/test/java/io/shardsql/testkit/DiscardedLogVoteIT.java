package io.shardsql.testkit;

import io.shardsql.storage.raft.GroupName;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A replica that discarded its log (damaged files, no sound checkpoint) must not vote until it has
 * rejoined its group as a new member: with a log it has only partly refilled it would grant its vote
 * to a stale peer, and the two are a majority that elects a leader lacking acknowledged entries.
 * (Ratis itself does not count a vote from a replica whose log is empty, so the hole needs one that is not.)
 *
 * <p>Nodes A (leader), B, C of one shard. The link from A to B drops every append (heartbeats pass, so A
 * stays leader): the entries written next are acknowledged by A and C only. C's files are damaged beyond
 * repair and C restarts, so it discards its log; the link from A to C drops appends past a point below
 * B's last entry, so A can refill C's log only that far (the drops use Ratis' test hook on the receiving
 * side). Then A stops. With the old behaviour C, a voter with a log shorter than B's, votes for B: B is
 * elected and the entries are gone once A returns and follows it. Now C is set aside before its Raft
 * server loads it (no division: it neither votes nor stands) until it has left the configuration — which
 * needs A and B — so no leader is elected until A is back; then every acknowledged write is there, and C
 * is caught up and added back as a new member.
 */
@Timeout(240)
class DiscardedLogVoteIT {
    /** Ratis' injection point on a server receiving appendEntries ({@code RaftServerImpl.APPEND_ENTRIES}). */
    private static final String APPEND_ENTRIES = "RaftServerImpl.appendEntries";

    @Test
    void aReplicaThatLostItsLogDoesNotVoteUntilItHasRejoined() throws Exception {
        MiniCluster.Builder b = MiniCluster.builder().nodes(3).shards(1)
                .set("ratis.raft.server.log.appender.buffer.element-limit", 4); // logs are refilled in small steps
        MiniCluster.run(b, cluster -> {
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
            long staleLast = lastIndex(cluster, stale, shard);

            Map<RaftPeerId, long[]> drops = new ConcurrentHashMap<>();
            drops.put(peer(cluster, stale), new long[] {staleLast, Long.MAX_VALUE}); // B answers, appends nothing more
            dropAppends(drops, peer(cluster, a), gid);
            try {
                for (int i = 0; i < 100; i++) assertThat(w.write(cluster.client(), "y" + i, "v" + i)).isTrue();
                assertThat(cluster.leaderOf(shard)).contains(a);
                assertThat(lastIndex(cluster, stale, shard)).isEqualTo(staleLast); // the y's: on A and C only
                cluster.stateMachine(victim, shard).takeSnapshot(); // its store's files are on disk to damage
                cluster.stopNode(victim);
                damageEverySstFile(cluster.replicaDir(victim, shard).resolve("sm"));

                long cut = staleLast - 10;
                drops.put(peer(cluster, victim), new long[] {cut, staleLast});
                cluster.startNode(victim);
                // A would refill C's log up to the cut, if C were still a voter
                await().atMost(Duration.ofSeconds(60)).until(() -> setAside(cluster, victim, gid)
                        || lastIndex(cluster, victim, shard) >= cut);
                assertThat(lastIndex(cluster, victim, shard)).isLessThan(staleLast);
                assertThat(setAside(cluster, victim, gid)).as("C's replica is set aside: no Raft division").isTrue();
                cluster.stopNode(a);
            } finally {
                CodeInjectionForTesting.remove(APPEND_ENTRIES);
            }

            // B lacks the y's and C must not vote: no majority may form without A
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(30)).until(() ->
                    cluster.leaderOf(shard).isEmpty());
            assertThat(setAside(cluster, victim, gid)).isTrue();

            cluster.startNode(a);
            await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(shard).isPresent());
            w.verify(cluster.client());
            assertThat(Workload.readAll(cluster.client())).hasSize(140);

            // C left the configuration and was added back as a new member, caught up by the leader
            await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() ->
                    !cluster.node(victim).replicas().rejoining(gid));
            int leader = cluster.leaderOf(shard).orElseThrow();
            assertThat(cluster.division(leader, shard).getRaftConf().getCurrentPeers()).extracting(RaftPeer::getId)
                    .contains(peer(cluster, victim));
            assertThat(cluster.stateMachine(victim, shard).discardedLog()).isTrue();
            await().atMost(Duration.ofSeconds(60)).until(() ->
                    cluster.division(victim, shard).getInfo().getLastAppliedIndex()
                            >= cluster.division(leader, shard).getRaftLog().getLastCommittedIndex());
            assertThat(Workload.readReplica(cluster.stateMachine(victim, shard)))
                    .isEqualTo(Workload.readAll(cluster.client()));
        });
    }

    /**
     * The link from {@code from} to each peer of {@code drops} drops the appends of {@code gid} whose first
     * entry lies in that peer's range {@code (lo, hi]}; heartbeats pass, so the peer still answers the leader,
     * and appends past the range reach it (and fail its log's consistency check if it lacks the range).
     */
    private static void dropAppends(Map<RaftPeerId, long[]> drops, RaftPeerId from, RaftGroupId gid) {
        CodeInjectionForTesting.put(APPEND_ENTRIES, (local, remote, args) -> {
            AppendEntriesRequestProto r = (AppendEntriesRequestProto) args[1];
            long[] range = drops.get((RaftPeerId) local);
            long first = r.getEntriesCount() == 0 ? -1 : r.getEntries(0).getIndex();
            if (range != null && first > range[0] && first <= range[1] && from.equals(remote)
                    && RaftGroupId.valueOf(r.getServerRequest().getRaftGroupId().getId()).equals(gid)) {
                throw new IllegalStateException("test: the link " + from + " -> " + local + " drops entry " + first);
            }
            return false;
        });
    }

    private static RaftPeerId peer(MiniCluster cluster, int node) {
        return RaftPeerId.valueOf(cluster.config(node).nodeId());
    }

    /** The replica is set aside: marked to rejoin and without a Raft division. */
    private static boolean setAside(MiniCluster cluster, int node, RaftGroupId gid) {
        return cluster.node(node).replicas().rejoining(gid) && !cluster.node(node).replicas().groupIds().contains(gid);
    }

    private static long lastIndex(MiniCluster cluster, int node, GroupName g) {
        try {
            TermIndex last = cluster.division(node, g).getRaftLog().getLastEntryTermIndex();
            return last == null ? -1 : last.getIndex();
        } catch (RuntimeException e) {
            return -1; // no division (set aside)
        }
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
