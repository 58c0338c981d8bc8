package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad configuration stops start-up with one clear message and touches no data. */
@Timeout(60)
class NodeStartupTest {
    @TempDir
    Path tmp;

    private Properties props(String members, String nodeId, Path dataDir) {
        Properties p = new Properties();
        p.setProperty("cluster.name", "t");
        p.setProperty("cluster.members", members);
        p.setProperty("cluster.shards", "2");
        p.setProperty("cluster.replication", "1");
        p.setProperty("node.id", nodeId);
        p.setProperty("node.data-dir", dataDir.toString());
        return p;
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Test
    void memberListsAreValidated() {
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1:2,n1@h:3:4", "n1", tmp), null))
                .hasMessageContaining("appears twice");
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1:2", "n9", tmp), null))
                .hasMessageContaining("not one of cluster.members");
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1", "n1", tmp), null))
                .hasMessageContaining("expected id@host:sqlPort:raftPort");
        Properties p = props("n1@h:1:2", "n1", tmp);
        p.setProperty("cluster.replication", "3");
        assertThatThrownBy(() -> NodeConfig.fromProperties(p, null)).hasMessageContaining("replication");
        Properties q = props("n1@h:1:2", "n1", tmp);
        q.setProperty("raft.election-timeout.min", "soon");
        assertThatThrownBy(() -> NodeConfig.fromProperties(q, null)).hasMessageContaining("raft.election-timeout.min");
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1:2:x", "n1", tmp), null))
                .hasMessageContaining("expected id@host:sqlPort:raftPort[:readPort]");
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1:2:70000", "n1", tmp), null))
                .hasMessageContaining("expected id@host:sqlPort:raftPort[:readPort]");
        assertThatThrownBy(() -> NodeConfig.fromProperties(props("n1@h:1:2:2", "n1", tmp), null))
                .hasMessageContaining("uses a port twice");
    }

    @Test
    void readPortsAreOptionalAndNotPartOfTheMembershipADataDirectoryRemembers() throws Exception {
        NodeConfig c = NodeConfig.fromProperties(props("n1@h:1:2:3,n2@g:4:5", "n1", tmp), null);
        assertThat(c.readPort()).contains(3);
        assertThat(c.membersConfig()).isEqualTo("n1@h:1:2:3,n2@g:4:5");
        assertThat(c.membersSpec()).isEqualTo("n1@h:1:2,n2@g:4:5");
        assertThat(c.peerReadAddresses()).isEmpty(); // n2 has none, and n1 is this node
        NodeConfig second = NodeConfig.fromProperties(props("n1@h:1:2:3,n2@g:4:5:6", "n2", tmp), null);
        assertThat(second.readPort()).contains(6);
        assertThat(second.peerReadAddresses()).containsOnlyKeys("n1");
        assertThat(second.peerReadAddresses().get("n1").getPort()).isEqualTo(3);

        Path data = tmp.resolve("d");
        String members = "n1@127.0.0.1:" + freePort() + ":" + freePort();
        new DataDir(data).prepare(NodeConfig.fromProperties(props(members, "n1", data), null));
        new DataDir(data).prepare(NodeConfig.fromProperties(props(members + ":" + freePort(), "n1", data), null)); // a read port added later
    }

    @Test
    void aBusyPortIsOneClearError() throws Exception {
        try (ServerSocket busy = new ServerSocket()) {
            busy.bind(new InetSocketAddress("127.0.0.1", 0));
            int raft = busy.getLocalPort();
            Path data = tmp.resolve("d");
            NodeConfig c = NodeConfig.fromProperties(props("n1@127.0.0.1:" + freePort() + ":" + raft, "n1", data), null);
            assertThatThrownBy(() -> new Node(c).start())
                    .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PORT_IN_USE))
                    .hasMessageContaining("port " + raft);
            assertThat(data).doesNotExist();
        }
    }

    @Test
    void aDataDirectoryOfAnotherClusterOrMembershipIsRefused() throws Exception {
        Path data = tmp.resolve("d");
        String members = "n1@127.0.0.1:" + freePort() + ":" + freePort();
        new DataDir(data).prepare(NodeConfig.fromProperties(props(members, "n1", data), null));
        byte[] identity = Files.readAllBytes(data.resolve("NODE"));

        Properties other = props(members, "n1", data);
        other.setProperty("cluster.name", "other");
        assertThatThrownBy(() -> new DataDir(data).prepare(NodeConfig.fromProperties(other, null)))
                .hasMessageContaining("belongs to another cluster");
        String moreMembers = members + ",n2@127.0.0.1:" + freePort() + ":" + freePort();
        assertThatThrownBy(() -> new DataDir(data).prepare(NodeConfig.fromProperties(props(moreMembers, "n1", data), null)))
                .hasMessageContaining("was created with members");
        Properties shards = props(members, "n1", data);
        shards.setProperty("cluster.shards", "5");
        assertThatThrownBy(() -> new DataDir(data).prepare(NodeConfig.fromProperties(shards, null)))
                .hasMessageContaining("was created with 2 shards");
        assertThat(Files.readAllBytes(data.resolve("NODE"))).isEqualTo(identity);
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "x");
        NodeConfig c = NodeConfig.fromProperties(props("n1@127.0.0.1:" + freePort() + ":" + freePort(), "n1", file), null);
        assertThatThrownBy(() -> new DataDir(file).prepare(c))
                .isInstanceOfSatisfying(ShardSqlException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATA_DIR_INVALID));
        assertThat(Files.readString(file)).isEqualTo("x");
    }
}
