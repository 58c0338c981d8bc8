package io.shardsql.testkit.security;

import io.shardsql.common.ShardSqlException;
import io.shardsql.server.ClusterStatus;
import io.shardsql.server.NodeConfig;
import io.shardsql.server.certs.CertsDir;
import io.shardsql.storage.net.NodeTls;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.PeerReads;
import io.shardsql.storage.raft.command.ShardCodec;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.peer.PeerReadClient;
import io.shardsql.testkit.MiniCluster;
import io.shardsql.testkit.TestCertificates;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Mutual TLS between nodes (issue 18): a three-node cluster whose links run over TLS with the test CA
 * serves SQL; a client without a certificate, with one of another CA, or with a SQL user's client
 * certificate of the same CA gets nothing from the Raft port or the read port; a node with a foreign
 * certificate cannot catch up with its group (the same node with its own certificate then does); and
 * fuzzed frames from a peer that passed the handshake leave the read port serving.
 */
@Timeout(300)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeTlsIT {
    private MiniCluster cluster;

    @BeforeAll
    void start() {
        cluster = MiniCluster.builder().nodes(3).shards(2).tls(true).start();
    }

    @AfterAll
    void stop() {
        if (cluster != null) cluster.close();
    }

    @Test
    void theRaftPortAnswersOnlyANodeCertificateOfTheClusterCa() {
        NodeConfig n1 = cluster.config(0);
        assertThat(n1.raft().tls().enabled()).isTrue();
        int port = n1.self().raftPort();
        assertThat(ClusterStatus.collect("127.0.0.1", port, n1.raft().tls())).as("the cluster's own certificate")
                .anyMatch(r -> r.group().equals("control") && r.role().equals("LEADER"));
        for (Map.Entry<String, NodeTls> stranger : strangers().entrySet()) {
            assertThatThrownBy(() -> ClusterStatus.collect("127.0.0.1", port, stranger.getValue()))
                    .as(stranger.getKey()).isInstanceOf(ShardSqlException.class);
        }
    }

    @Test
    void theReadPortAnswersOnlyANodeCertificateOfTheClusterCa() throws Exception {
        RaftGroupId group = cluster.groupId(GroupName.shard(0));
        byte[] status = ShardCodec.encode(new ShardQuery.Status());
        try (PeerReadClient own = new PeerReadClient(readAddresses(), Duration.ofSeconds(5), cluster.config(0).raft().tls())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
                return own.readWaiting(peer(leader), group, true, status).served();
            });
        }
        int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
        for (Map.Entry<String, NodeTls> stranger : strangers().entrySet()) {
            try (PeerReadClient other = new PeerReadClient(readAddresses(), Duration.ofSeconds(5), stranger.getValue())) {
                assertThat(other.readWaiting(peer(leader), group, true, status).served()).as(stranger.getKey()).isFalse();
                PeerReads.Answer async = other.read(peer(leader), group, true, status).get();
                assertThat(async.served()).as(stranger.getKey() + ", asynchronously").isFalse();
            }
        }
        // Raw bytes of a well-formed request on a plain socket: no reply frame comes back.
        int port = cluster.config(leader).readPort().orElseThrow();
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            ByteBuffer frame = ByteBuffer.allocate(4 + 25 + status.length).putInt(25 + status.length).putLong(1)
                    .put((byte) 2).putLong(group.getUuid().getMostSignificantBits())
                    .putLong(group.getUuid().getLeastSignificantBits()).put(status);
            s.getOutputStream().write(frame.array());
            assertThat(readUntilClosed(s.getInputStream())).as("bytes a plain client gets back").hasSizeLessThan(9);
        }
    }

    @Test
    void aNodeWithAForeignCertificateCannotCatchUpAndWithItsOwnItDoes() throws Exception {
        sql("CREATE TABLE IF NOT EXISTS joined (id INT PRIMARY KEY, v VARCHAR)");
        cluster.stopNode(2);
        NodeConfig own = cluster.config(2);
        cluster.startNode(2, own.withRaft(own.raft().withTls(TestCertificates.foreign().nodeTls())));
        long before = applied(2, GroupName.shard(0));
        for (int i = 0; i < 40; i++) sql("INSERT INTO joined VALUES (" + i + ", 'v" + i + "')");
        int leader = cluster.leaderOf(GroupName.shard(0)).orElseThrow();
        assertThat(leader).as("the foreign node does not lead").isNotEqualTo(2);
        long leaderApplied = applied(leader, GroupName.shard(0));
        assertThat(leaderApplied).as("the group went on").isGreaterThan(before);
        assertThat(applied(2, GroupName.shard(0))).as("the foreign node is left behind").isLessThan(leaderApplied);
        cluster.stopNode(2);
        cluster.startNode(2);
        await().atMost(Duration.ofSeconds(120)).until(() -> applied(2, GroupName.shard(0)) >= leaderApplied);
    }

    @Test
    void fuzzedFramesFromAPeerThatPassedTheHandshakeLeaveTheReadPortServing() throws Exception {
        sql("CREATE TABLE IF NOT EXISTS fuzz_r (id INT PRIMARY KEY)");
        NodeTls tls = cluster.config(0).raft().tls();
        int port = cluster.config(1).readPort().orElseThrow();
        InetSocketAddress address = new InetSocketAddress("127.0.0.1", port);
        Random random = new Random(18);
        for (int round = 0; round < 200; round++) {
            Socket plain = new Socket("127.0.0.1", port);
            plain.setSoTimeout(10_000);
            try (Socket s = round % 4 == 3 ? plain : tls.secure(plain, address)) { // every 4th: garbage without TLS
                OutputStream out = s.getOutputStream();
                out.write(fuzzFrame(random, round));
                out.flush();
                if (round % 10 == 0) assertThat(readUntilClosed(s.getInputStream())).hasSizeLessThan(9);
            } catch (IOException e) {
                // the server closed first: as good as the close we wait for
            }
            if (round % 20 == 0) sql("INSERT INTO fuzz_r VALUES (" + round + ")");
        }
        assertThat(count("SELECT count(*) FROM fuzz_r")).isEqualTo(10);
        RaftGroupId group = cluster.groupId(GroupName.shard(0));
        try (PeerReadClient own = new PeerReadClient(readAddresses(), Duration.ofSeconds(5), tls)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> own.readWaiting(peer(1), group, false,
                    ShardCodec.encode(new ShardQuery.Status())).served());
        }
    }

    @Test
    void snapshotFetchesThePartsOfOtherNodesOverMutualTls() throws Exception {
        // Replication 1: each group on one node, so the initiator n1 fetches the others' parts over their read ports.
        try (MiniCluster one = MiniCluster.builder().nodes(3).shards(3).replication(1).tls(true).start();
             Connection c = DriverManager.getConnection(one.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            List<GroupName> elsewhere = List.of(GroupName.shard(0), GroupName.shard(1), GroupName.shard(2)).stream()
                    .filter(g -> !one.shardMap().groupsOf("n1").contains(g)).toList();
            assertThat(elsewhere).as("shards whose only replica is on another node").isNotEmpty();
            s.execute("CREATE TABLE snap_t (id INT PRIMARY KEY, v VARCHAR)");
            for (int i = 0; i < 60; i++) s.execute("INSERT INTO snap_t VALUES (" + i + ", 'v" + i + "')");
            try (ResultSet rs = s.executeQuery("SNAPSHOT TO 'over-tls'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt("shards")).isEqualTo(3);
                assertThat(rs.getLong("rows")).isGreaterThanOrEqualTo(60);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM snap_t")) {
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(60);
            }
        }
    }

    /** A frame over the limit, a truncated header, random bytes, or a well-sized frame of random content. */
    private static byte[] fuzzFrame(Random random, int round) {
        if (round % 10 == 0) return ByteBuffer.allocate(8).putInt(Integer.MAX_VALUE).putInt(7).array(); // oversized
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] b = new byte[1 + random.nextInt(64)];
                random.nextBytes(b);
                return b;
            }
            case 1 -> {
                byte[] body = new byte[random.nextInt(60)];
                random.nextBytes(body);
                return ByteBuffer.allocate(4 + body.length).putInt(body.length).put(body).array();
            }
            default -> {
                return ByteBuffer.allocate(6).putInt(100).put((byte) 1).put((byte) 0).array(); // truncated
            }
        }
    }

    /** Identities the cluster must refuse, by what they are. */
    private static Map<String, NodeTls> strangers() {
        Map<String, NodeTls> m = new HashMap<>();
        m.put("no certificate", NodeTls.OFF);
        m.put("a node certificate of another CA", TestCertificates.foreign().nodeTls());
        m.put("a SQL user's client certificate of the cluster's CA", clientOfTheClusterCa());
        return m;
    }

    private static NodeTls clientOfTheClusterCa() {
        CertsDir dir = TestCertificates.loopback();
        Path cert = dir.clientCert("alice");
        Path key = dir.clientKey("alice");
        try {
            TestCertificates.ca().issueClient("alice", CertsDir.CERT_LIFETIME).write(cert, key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return NodeTls.load(cert, key, dir.caCert());
    }

    private long applied(int node, GroupName g) {
        return cluster.division(node, g).getInfo().getLastAppliedIndex();
    }

    private Map<RaftPeerId, InetSocketAddress> readAddresses() {
        Map<RaftPeerId, InetSocketAddress> m = new HashMap<>();
        for (int i = 0; i < cluster.size(); i++) {
            NodeConfig c = cluster.config(i);
            m.put(peer(i), InetSocketAddress.createUnresolved(c.self().host(), c.readPort().orElseThrow()));
        }
        return m;
    }

    private RaftPeerId peer(int node) {
        return RaftPeerId.valueOf(cluster.config(node).nodeId());
    }

    private static byte[] readUntilClosed(InputStream in) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) got.write(b);
        } catch (IOException e) {
            // reset or timed out: what came so far is the answer
        }
        return got.toByteArray();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long count(String query) throws Exception {
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl(), "admin", MiniCluster.ADMIN_PASSWORD);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
