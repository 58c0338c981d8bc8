package io.shardsql.server;

import io.shardsql.storage.raft.ShardMap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code bin/shardsql start} runs: three nodes in one JVM on loopback, data under one directory
 * ({@code <data-dir>/n1}, {@code n2}, {@code n3}). Node {@code i} (0-based) listens for SQL on
 * {@code port + i} and for Raft on {@code port + 100 + i}. The same code path as a real cluster:
 * three Ratis servers, replication 3, real sockets.
 */
public final class EmbeddedCluster implements AutoCloseable {
    public static final int NODES = 3;
    public static final int RAFT_PORT_OFFSET = 100;

    private final List<Node> nodes = new ArrayList<>();
    private final int port;

    private EmbeddedCluster(int port) {
        this.port = port;
    }

    public static List<NodeConfig> configs(Path dataDir, int port, int shards, Properties extra) {
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < NODES; i++) {
            if (i > 0) members.append(',');
            members.append("n").append(i + 1).append("@127.0.0.1:").append(port + i).append(':').append(port + RAFT_PORT_OFFSET + i);
        }
        List<NodeConfig> configs = new ArrayList<>();
        for (int i = 0; i < NODES; i++) {
            Properties p = new Properties();
            p.putAll(extra);
            NodeConfig.CLUSTER_NAME.set(p, "embedded");
            NodeConfig.MEMBERS.set(p, members.toString());
            NodeConfig.SHARDS.set(p, shards);
            NodeConfig.REPLICATION.set(p, NODES);
            NodeConfig.NODE_ID.set(p, "n" + (i + 1));
            NodeConfig.DATA_DIR.set(p, dataDir.resolve("n" + (i + 1)).toAbsolutePath().toString());
            configs.add(NodeConfig.fromProperties(p, null));
        }
        return configs;
    }

    /** Starts the three nodes and waits until the cluster serves; on failure nothing is left running. */
    public static EmbeddedCluster start(Path dataDir, int port, int shards, Properties extra, Duration readyTimeout) {
        EmbeddedCluster cluster = new EmbeddedCluster(port);
        try {
            for (NodeConfig c : configs(dataDir, port, shards, extra)) {
                Node n = new Node(c);
                n.start();
                cluster.nodes.add(n);
            }
            cluster.nodes.get(0).awaitReady(readyTimeout);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public String jdbcUrl() {
        return "jdbc:shardsql://127.0.0.1:" + port + "/";
    }

    public List<Node> nodes() { return nodes; }

    public ShardMap shardMap() { return nodes.get(0).layout(); }

    @Override
    public void close() {
        for (int i = nodes.size() - 1; i >= 0; i--) nodes.get(i).close();
        nodes.clear();
    }
}
