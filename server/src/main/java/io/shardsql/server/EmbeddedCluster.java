package io.shardsql.server;

import io.shardsql.server.certs.CertsDir;
import io.shardsql.server.certs.ClusterCa;
import io.shardsql.storage.raft.ShardMap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What {@code bin/shardsql start} runs: three nodes in one JVM on loopback, data under one directory
 * ({@code <data-dir>/n1}, {@code n2}, {@code n3}). Node {@code i} (0-based) listens for SQL on
 * {@code port + i}, for Raft on {@code port + 100 + i} and for other nodes' reads on {@code port + 200 + i}.
 * The same code path as a real cluster:
 * three Ratis servers, replication 3, real sockets.
 */
public final class EmbeddedCluster implements AutoCloseable {
    public static final int NODES = 3;
    public static final int RAFT_PORT_OFFSET = 100;
    public static final int READ_PORT_OFFSET = 200;

    private final List<Node> nodes = new ArrayList<>();
    private final int port;

    private EmbeddedCluster(int port) {
        this.port = port;
    }

    public static List<NodeConfig> configs(Path dataDir, int port, int shards, Properties extra) {
        int[] sql = new int[NODES];
        int[] raft = new int[NODES];
        int[] read = new int[NODES];
        for (int i = 0; i < NODES; i++) {
            sql[i] = port + i;
            raft[i] = port + RAFT_PORT_OFFSET + i;
            read[i] = port + READ_PORT_OFFSET + i;
        }
        return NodeConfig.loopbackCluster("embedded", sql, raft, read, dataDir, shards, NODES, extra);
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

    /** Where a local cluster keeps its own CA and node certificate: {@code <data-dir>/certs}. */
    public static Path certsDir(Path dataDir) {
        return dataDir.resolve("certs").toAbsolutePath().normalize();
    }

    /**
     * The local cluster's certificates in {@link #certsDir}, made on its first start (a CA of its own and
     * a node certificate for loopback, which the three nodes share) and kept from then on.
     */
    public static CertsDir localCertificates(Path dataDir) {
        return CertsDir.ensureLocal(certsDir(dataDir), ClusterCa.LOCAL_HOSTS);
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
