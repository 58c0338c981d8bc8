package io.shardsql.testkit;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.Node;
import io.shardsql.server.NodeConfig;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.ShardStateMachine;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.impl.TransactionManagerImpl;
import io.shardsql.txn.spi.TxnClock;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * N ShardSQL nodes in one JVM on loopback, each with its own Ratis server, RocksDB stores and
 * temporary data directory — the real components, nothing mocked. Nodes can be stopped (their
 * server closed: the process-level equivalent of a crash for the other nodes) and restarted on the
 * same data. {@link #run} always shuts the cluster down and prints its state when the body fails.
 */
public final class MiniCluster implements AutoCloseable {
    private final List<NodeConfig> configs;
    private final Node[] nodes;
    private final Path root;
    private final boolean deleteOnClose;
    private final Map<Integer, TxnClock> clocks;
    private ClusterClient client;

    private MiniCluster(List<NodeConfig> configs, Path root, boolean deleteOnClose, Map<Integer, TxnClock> clocks) {
        this.configs = configs;
        this.nodes = new Node[configs.size()];
        this.root = root;
        this.deleteOnClose = deleteOnClose;
        this.clocks = Map.copyOf(clocks);
    }

    public static Builder builder() { return new Builder(); }

    /** The system property that turns {@link Builder#tls} on for every cluster that does not say otherwise. */
    public static final String TLS_PROPERTY = "shardsql.test.tls";

    /** Body of a test that runs against a cluster. */
    @FunctionalInterface
    public interface ClusterTest {
        void run(MiniCluster cluster) throws Exception;
    }

    /** Starts a cluster, runs {@code test}, dumps the cluster's state if it fails, and always shuts down. */
    public static void run(Builder builder, ClusterTest test) throws Exception {
        try (MiniCluster cluster = builder.start()) {
            try {
                test.run(cluster);
            } catch (Throwable t) {
                System.err.println("---- cluster state at failure ----\n" + cluster.describe());
                throw t;
            }
        }
    }

    /**
     * How a {@link MiniCluster} is made (nodes, shards, replication, node settings, data directory, hosts);
     * {@link #start} starts it.
     */
    public static final class Builder {
        private int nodes = 3;
        private int shards = 2;
        private int replication = 3;
        private final Properties props = new Properties();
        private Path dir;
        private int[] ports;
        private String[] hosts;
        private boolean tls = Boolean.parseBoolean(System.getProperty(TLS_PROPERTY, "true"));
        private final Map<Integer, TxnClock> clocks = new HashMap<>();

        public Builder nodes(int n) { this.nodes = n; return this; }

        public int nodeCount() { return nodes; }

        public Builder shards(int n) { this.shards = n; return this; }

        public Builder replication(int n) { this.replication = n; return this; }

        /** Any node setting, e.g. {@code raft.snapshot.threshold-entries}. */
        public Builder set(String key, Object value) { props.setProperty(key, String.valueOf(value)); return this; }

        /**
         * Snapshot every {@code entries} log entries, purge the log soon after, and use small log
         * segments, so that tests see purged logs and snapshot installs after a few hundred writes.
         */
        public Builder frequentSnapshots(int entries) {
            return set("raft.snapshot.threshold-entries", entries).set("raft.log.purge-gap", 8)
                    .set("raft.log.segment-size.bytes", 16 * 1024);
        }

        /** Node {@code i} reads {@code clock} as its wall clock (a {@link JumpingClock}); the others the system's. */
        public Builder clock(int i, TxnClock clock) { clocks.put(i, clock); return this; }

        /** Keep data in {@code dir} (not deleted on close) instead of a temporary directory. */
        public Builder dataDir(Path dir) { this.dir = dir; return this; }

        /**
         * Node {@code i} listens on {@code hosts.get(i)} instead of 127.0.0.1 (for {@link ProcessCluster}'s
         * nodes in network namespaces of their own); ports are still picked free on loopback, which is
         * enough: each address is the node's own.
         */
        public Builder hosts(List<String> hosts) {
            if (hosts.size() != nodes) {
                throw new IllegalArgumentException(hosts.size() + " hosts for " + nodes + " nodes");
            }
            this.hosts = hosts.toArray(String[]::new);
            return this;
        }

        /**
         * Mutual TLS between the nodes ({@code true}) or plain links; the default is the system property
         * {@value #TLS_PROPERTY}, true when it is not set ({@code -Dshardsql.test.tls=false} runs a whole suite
         * with plain links). The
         * nodes share one node certificate of a test CA made once per JVM ({@link TestCertificates}).
         */
        public Builder tls(boolean on) { this.tls = on; return this; }

        public boolean tls() { return tls; }

        /**
         * Every node's settings: the builder's defaults, the test certificates when {@link #tls} is on, and
         * what {@link #set} added.
         */
        public Properties settings() {
            Properties p = new Properties();
            if (tls) p.putAll(TestCertificates.forHosts(hosts == null ? List.of() : List.of(hosts)).nodeSettings());
            p.setProperty("raft.election-timeout.min", "800ms");
            p.setProperty("raft.election-timeout.max", "1600ms");
            p.setProperty("storage.rocksdb.block-cache.bytes", String.valueOf(64L << 20));
            p.setProperty("storage.rocksdb.write-buffer.bytes", String.valueOf(32L << 20));
            p.putAll(props);
            return p;
        }

        public List<NodeConfig> configs(Path root) {
            if (ports == null) ports = FreePorts.pick(3 * nodes); // kept, so a restarted cluster has the same members
            int[] sql = new int[nodes];
            int[] raft = new int[nodes];
            int[] read = new int[nodes];
            for (int i = 0; i < nodes; i++) {
                sql[i] = ports[3 * i];
                raft[i] = ports[3 * i + 1];
                read[i] = ports[3 * i + 2];
            }
            if (hosts == null) {
                return NodeConfig.loopbackCluster("mini", sql, raft, read, root, shards, replication, settings());
            }
            return NodeConfig.localCluster("mini", hosts, sql, raft, read, root, shards, replication, settings());
        }

        public MiniCluster start() {
            Path root;
            try {
                root = dir != null ? dir : Files.createTempDirectory("shardsql-mini");
            } catch (IOException e) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "cannot create a temporary directory", e);
            }
            MiniCluster c = new MiniCluster(configs(root), root, dir == null, clocks);
            try {
                for (int i = 0; i < nodes; i++) c.startNode(i);
                c.awaitReady();
                c.firstRunning().ensureAdmin(Optional.of(ADMIN_PASSWORD));
                return c;
            } catch (RuntimeException e) {
                c.close();
                throw e;
            }
        }
    }

    /** The password of user {@code admin} in every MiniCluster. */
    public static final String ADMIN_PASSWORD = "mini-admin";

    /** A JDBC URL naming every node's SQL endpoint, in order. */
    public String jdbcUrl() {
        StringBuilder b = new StringBuilder("jdbc:shardsql://");
        for (int i = 0; i < configs.size(); i++) {
            if (i > 0) b.append(',');
            b.append(configs.get(i).self().host()).append(':').append(configs.get(i).self().sqlPort());
        }
        return b.append('/').toString();
    }

    public void awaitReady() {
        firstRunning().awaitReady(Duration.ofSeconds(60));
    }

    public int size() { return nodes.length; }

    public Path root() { return root; }

    public NodeConfig config(int i) { return configs.get(i); }

    public ShardMap shardMap() { return configs.get(0).initialShardMap(); }

    public Node node(int i) { return nodes[i]; }

    public boolean isRunning(int i) { return nodes[i] != null; }

    public synchronized void startNode(int i) {
        startNode(i, configs.get(i));
    }

    /** Starts node {@code i} with {@code config} instead of its own (a node with a foreign certificate, say). */
    public synchronized void startNode(int i, NodeConfig config) {
        if (nodes[i] != null) return;
        Node n = new Node(config, clocks.getOrDefault(i, TxnClock.SYSTEM));
        n.start();
        nodes[i] = n;
    }

    /** Stops node {@code i}: its Ratis server closes, its peers see it vanish. */
    public synchronized void stopNode(int i) {
        if (nodes[i] == null) return;
        nodes[i].close();
        nodes[i] = null;
    }

    /** The test's own client of the cluster (created on first use, closed with the cluster). */
    public synchronized ClusterClient client() {
        if (client == null) client = ClusterClient.open(shardMap(), configs.get(0).raft(), configs.get(0).client());
        return client;
    }

    /** A transaction manager of the test's own, over {@link #client()}; {@code hook} injects faults into commits. */
    public TransactionManagerImpl transactions(CommitHook hook) {
        return new TransactionManagerImpl(client(), configs.get(0).txn(), configs.get(0).client().deadline(), hook);
    }

    public TransactionManagerImpl transactions() {
        return transactions(CommitHook.NONE);
    }

    public RaftGroupId groupId(GroupName g) {
        return g.groupId(shardMap().clusterId());
    }

    /** The running node that currently leads {@code g}, if any. */
    public Optional<Integer> leaderOf(GroupName g) {
        for (int i = 0; i < nodes.length; i++) {
            Node n = nodes[i];
            if (n == null || !n.hosts(g)) continue;
            try {
                if (n.replicas().division(groupId(g)).getInfo().isLeaderReady()) return Optional.of(i);
            } catch (RuntimeException e) {
                // not hosting it (yet)
            }
        }
        return Optional.empty();
    }

    /** The node that should lead {@code g}: the first replica of its layout ({@code LeaderBalancer}). */
    public int preferredNode(GroupName g) {
        String id = shardMap().group(g).replicas().get(0);
        for (int i = 0; i < configs.size(); i++) {
            if (configs.get(i).nodeId().equals(id)) return i;
        }
        throw new IllegalStateException("no node " + id);
    }

    /** Groups not led by their preferred node right now, as readable lines ("shard-1 led by node 2"). */
    public List<String> leadersOffPreferred() {
        List<String> off = new ArrayList<>();
        for (ShardMap.GroupLayout g : shardMap().groups()) {
            Optional<Integer> leader = leaderOf(g.name());
            if (leader.isEmpty() || leader.get() != preferredNode(g.name())) {
                off.add(g.name() + " led by " + leader.map(i -> "node " + i).orElse("nobody"));
            }
        }
        return off;
    }

    /** Waits until every group is led by its preferred node (benchmarks measure a settled cluster). */
    public void awaitPreferredLeaders(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!leadersOffPreferred().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("leaders not on their preferred nodes after " + timeout + ": "
                        + leadersOffPreferred());
            }
            LockSupport.parkNanos(50_000_000);
        }
    }

    public ShardStateMachine stateMachine(int node, GroupName g) {
        return nodes[node].replicas().stateMachine(groupId(g));
    }

    public RaftServer.Division division(int node, GroupName g) {
        return nodes[node].replicas().division(groupId(g));
    }

    /** Where node {@code i} keeps its replica of {@code g}. */
    public Path replicaDir(int i, GroupName g) {
        return configs.get(i).dataDir().resolve("raft").resolve(groupId(g).getUuid().toString());
    }

    /** Every group's replicas on the running nodes: role, term, applied and commit index. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < nodes.length; i++) {
            if (nodes[i] == null) {
                sb.append("n").append(i + 1).append(": stopped\n");
                continue;
            }
            for (RaftGroupId gid : nodes[i].replicas().groupIds()) {
                try {
                    RaftServer.Division d = nodes[i].replicas().division(gid);
                    sb.append(String.format("n%d %-9s role=%-9s term=%d applied=%s commit=%d%n", i + 1,
                            GroupName.of(gid), d.getInfo().getCurrentRole(), d.getInfo().getCurrentTerm(),
                            d.getInfo().getLastAppliedIndex(), d.getRaftLog().getLastCommittedIndex()));
                } catch (RuntimeException e) {
                    sb.append("n").append(i + 1).append(' ').append(GroupName.of(gid)).append(": ").append(e)
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private Node firstRunning() {
        for (Node n : nodes) if (n != null) return n;
        throw new IllegalStateException("no node is running");
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            client.close();
            client = null;
        }
        for (int i = nodes.length - 1; i >= 0; i--) stopNode(i);
        if (deleteOnClose) deleteTree(root);
    }

    static void deleteTree(Path p) {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            s.sorted(Comparator.reverseOrder()).forEach(q -> q.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
    }
}
