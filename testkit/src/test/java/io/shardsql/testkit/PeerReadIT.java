package io.shardsql.testkit;

import io.shardsql.txn.log.NextTimestamps;

import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.peer.PeerReadClient;
import io.shardsql.storage.raft.client.PeerReads;
import io.shardsql.storage.raft.client.ShardClient;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Reads sent to the leader's node over its read port ({@link PeerReadClient}, {@code PeerReadServer})
 * instead of through Ratis' gRPC client: they see every acknowledged write, also across a leader change
 * and while the old leader's node is down; a node that does not lead the group answers "not served" and
 * the read goes through Ratis' client; a malformed request costs its sender the connection and nothing
 * else.
 */
@Timeout(180)
class PeerReadIT {

    /**
     * Every node's read address as the nodes' own configuration gives them (unresolved host names, which
     * a blocking socket must resolve itself): node 0's view of the others, plus node 1's view of node 0.
     */
    private static Map<RaftPeerId, InetSocketAddress> readAddresses(MiniCluster cluster) {
        Map<RaftPeerId, InetSocketAddress> out = new HashMap<>();
        cluster.config(0).peerReadAddresses().forEach((id, address) -> out.put(RaftPeerId.valueOf(id), address));
        String first = cluster.config(0).nodeId();
        out.put(RaftPeerId.valueOf(first), cluster.config(1).peerReadAddresses().get(first));
        return out;
    }

    /**
     * Reads every acknowledged key on its own, once as an asynchronous caller and once as one that waits
     * ({@link io.shardsql.storage.raft.client.ShardClient#queryWaiting}), and checks its value; verify() then checks the whole range.
     */
    private static void readEach(ClusterClient client, Workload w) {
        w.acked.forEach((k, v) -> {
            assertThat(client.get(Workload.key(k), Long.MAX_VALUE).join().map(e -> new String(e.value(), StandardCharsets.UTF_8)))
                    .as(k).contains(v);
            ShardQuery.Get get = new ShardQuery.Get(Workload.key(k), Long.MAX_VALUE);
            ShardReply.Value waited = (ShardReply.Value) ShardClient.await(client.group(client.groupOf(get.key())).queryWaiting(get));
            assertThat(new String(waited.entry().value(), StandardCharsets.UTF_8)).as(k).isEqualTo(v);
        });
        w.verify(client);
    }

    /** Counts what {@code delegate} answered and what it did not serve; {@code route} may send a read to another peer. */
    private static final class Counting implements PeerReads {
        final PeerReads delegate;
        final BiFunction<RaftPeerId, RaftGroupId, RaftPeerId> route;
        final AtomicInteger answered = new AtomicInteger();
        final AtomicInteger answeredWaiting = new AtomicInteger();
        final AtomicInteger notServed = new AtomicInteger();

        Counting(PeerReads delegate, BiFunction<RaftPeerId, RaftGroupId, RaftPeerId> route) {
            this.delegate = delegate;
            this.route = route;
        }

        @Override
        public boolean reaches(RaftPeerId peer) { return delegate.reaches(peer); }

        @Override
        public CompletableFuture<Answer> read(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
            return delegate.read(route.apply(peer, group), group, leaderOnly, query).whenComplete((answer, error) -> count(answer, answered));
        }

        @Override
        public Answer readWaiting(RaftPeerId peer, RaftGroupId group, boolean leaderOnly, byte[] query) {
            return count(delegate.readWaiting(route.apply(peer, group), group, leaderOnly, query), answeredWaiting);
        }

        private Answer count(Answer answer, AtomicInteger answeredCount) {
            (answer.served() ? answeredCount : notServed).incrementAndGet();
            return answer;
        }
    }

    @Test
    void readsAnsweredOnTheLeadersNodeSeeEveryAcknowledgedWriteAcrossALeaderChange() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(2), cluster -> {
            try (PeerReadClient peers = new PeerReadClient(readAddresses(cluster), Duration.ofSeconds(5),
                    cluster.config(0).raft().tls())) {
                Counting counting = new Counting(peers, (p, g) -> p);
                try (ClusterClient client = ClusterClient.open(cluster.shardMap(), cluster.config(0).raft(), cluster.config(0).client(),
                        LocalReplicas.NONE, counting)) {
                    Workload w = new Workload();
                    for (int i = 0; i < 100; i++) w.write(cluster.client(), "before-" + i, "v" + i);
                    // The first read to a node opens its connection and goes through Ratis meanwhile.
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        readEach(client, w);
                        assertThat(counting.answered.get()).as("reads answered over the read port").isGreaterThan(50);
                        assertThat(counting.answeredWaiting.get()).as("reads answered over a waiting caller's socket").isGreaterThan(50);
                    });

                    int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
                    cluster.stopNode(leader);
                    await().atMost(Duration.ofSeconds(60)).until(() -> cluster.leaderOf(GroupName.shard(0)).isPresent());
                    for (int i = 0; i < 100; i++) w.write(cluster.client(), "after-" + i, "v" + i);
                    readEach(client, w);
                    int before = counting.answered.get();
                    int beforeWaiting = counting.answeredWaiting.get();
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        readEach(client, w);
                        assertThat(counting.answered.get()).as("reads answered by the new leaders' nodes").isGreaterThan(before + 50);
                        assertThat(counting.answeredWaiting.get()).as("waiting reads answered by them").isGreaterThan(beforeWaiting + 50);
                    });
                    cluster.startNode(leader);
                    readEach(client, w);

                    long issued = ((ShardReply.Timestamps) ShardClient.await(cluster.client().control().query(new NextTimestamps(1)))).first();
                    ShardReply later = ShardClient.await(client.control().query(new NextTimestamps(1)));
                    assertThat(((ShardReply.Timestamps) later).first()).isGreaterThan(issued);
                }
            }
        });
    }

    @Test
    void aNodeThatDoesNotLeadTheGroupDoesNotServeTheReadAndRatisDoes() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(2), cluster -> {
            try (PeerReadClient peers = new PeerReadClient(readAddresses(cluster), Duration.ofSeconds(5),
                    cluster.config(0).raft().tls())) {
                // Sends every read to a node whose replica of the group follows.
                Counting misrouted = new Counting(peers, (p, g) -> {
                    for (int i = 0; i < cluster.size(); i++) {
                        if (cluster.node(i).replicas().division(g).getInfo().isFollower()) return RaftPeerId.valueOf(cluster.config(i).nodeId());
                    }
                    throw new AssertionError("no follower of " + g);
                });
                try (ClusterClient client = ClusterClient.open(cluster.shardMap(), cluster.config(0).raft(), cluster.config(0).client(),
                        LocalReplicas.NONE, misrouted)) {
                    Workload w = new Workload();
                    for (int i = 0; i < 50; i++) w.write(cluster.client(), "k" + i, "v" + i);
                    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                        readEach(client, w);
                        assertThat(misrouted.notServed.get()).isGreaterThan(50);
                    });
                    assertThat(misrouted.answered.get()).as("answered by a node that leads nothing it was asked for").isZero();
                    assertThat(misrouted.answeredWaiting.get()).as("the same, to a waiting caller").isZero();
                }
            }
        });
    }

    @Test
    void aMalformedRequestClosesItsConnectionAndTheNodeGoesOnServing() throws Exception {
        MiniCluster.run(MiniCluster.builder().nodes(3).shards(1), cluster -> {
            int port = cluster.config(1).readPort().orElseThrow();
            try (Socket s = cluster.config(0).raft().tls().secure(new Socket("127.0.0.1", port),
                    new InetSocketAddress("127.0.0.1", port))) {
                s.setSoTimeout(10_000);
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(3);
                out.write(new byte[] {1, 2, 3}); // shorter than any request
                out.flush();
                DataInputStream in = new DataInputStream(s.getInputStream());
                assertThatThrownBy(in::readInt).isInstanceOf(EOFException.class);
            }
            try (PeerReadClient peers = new PeerReadClient(readAddresses(cluster), Duration.ofSeconds(5),
                    cluster.config(0).raft().tls());
                 ClusterClient client = ClusterClient.open(cluster.shardMap(), cluster.config(0).raft(), cluster.config(0).client(),
                         LocalReplicas.NONE, new Counting(peers, (p, g) -> p))) {
                Workload w = new Workload();
                for (int i = 0; i < 20; i++) w.write(cluster.client(), "k" + i, "v" + i);
                readEach(client, w);
            }
        });
    }
}
