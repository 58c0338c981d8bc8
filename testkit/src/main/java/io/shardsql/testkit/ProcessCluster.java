package io.shardsql.testkit;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.NodeConfig;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.ShardMap;
import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * N ShardSQL nodes as separate JVM processes ({@code shardsql node --config FILE}), for tests that
 * need {@code kill -9}. Each process gets a config file and a log file under the cluster's directory.
 */
public final class ProcessCluster implements AutoCloseable {
    private final List<NodeConfig> configs;
    private final List<Path> configFiles = new ArrayList<>();
    private final Process[] processes;
    private final Path root;
    private ClusterClient client;

    public ProcessCluster(MiniCluster.Builder layout) throws IOException {
        this.root = Files.createTempDirectory("shardsql-proc");
        this.configs = layout.configs(root);
        this.processes = new Process[configs.size()];
        for (NodeConfig c : configs) configFiles.add(writeConfig(c));
    }

    private Path writeConfig(NodeConfig c) throws IOException {
        Properties p = new Properties();
        NodeConfig.CLUSTER_NAME.set(p, c.clusterName());
        NodeConfig.MEMBERS.set(p, c.membersConfig());
        NodeConfig.SHARDS.set(p, c.shards());
        NodeConfig.REPLICATION.set(p, c.replication());
        NodeConfig.NODE_ID.set(p, c.nodeId());
        NodeConfig.DATA_DIR.set(p, c.dataDir().toString());
        p.setProperty("raft.election-timeout.min", c.raft().electionTimeoutMin().toMillis() + "ms");
        p.setProperty("raft.election-timeout.max", c.raft().electionTimeoutMax().toMillis() + "ms");
        p.setProperty("raft.snapshot.threshold-entries", String.valueOf(c.raft().snapshotThreshold()));
        p.setProperty("storage.rocksdb.block-cache.bytes", String.valueOf(c.storage().blockCacheBytes()));
        p.setProperty("storage.rocksdb.write-buffer.bytes", String.valueOf(c.storage().writeBufferBytes()));
        Path file = root.resolve(c.nodeId() + ".properties");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "ShardSQL test node");
        }
        return file;
    }

    public void startAll() throws IOException {
        for (int i = 0; i < processes.length; i++) start(i);
    }

    public synchronized void start(int i) throws IOException {
        if (processes[i] != null && processes[i].isAlive()) return;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.shardsql.cli.ShardSqlCli", "node", "--config", configFiles.get(i).toString());
        pb.redirectErrorStream(true);
        Path out = root.resolve(configs.get(i).nodeId() + ".out");
        if (Files.exists(out)) Files.move(out, out.resolveSibling(out.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
        pb.redirectOutput(out.toFile()); // a fresh file per start, so awaitReady sees only this run
        processes[i] = pb.start();
    }

    /** {@code kill -9}: the process gets no chance to flush or close anything. */
    public synchronized void kill9(int i) throws InterruptedException {
        Process p = processes[i];
        if (p == null) return;
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("process of node " + i + " did not die");
        processes[i] = null;
    }

    public boolean isAlive(int i) {
        return processes[i] != null && processes[i].isAlive();
    }

    public ShardMap shardMap() { return configs.get(0).initialShardMap(); }

    public synchronized ClusterClient client() {
        if (client == null) client = ClusterClient.open(shardMap(), configs.get(0).raft(), configs.get(0).client());
        return client;
    }

    /** What node {@code i} printed (its log goes to its data directory). */
    public String output(int i) {
        try {
            return Files.readString(root.resolve(configs.get(i).nodeId() + ".out"));
        } catch (IOException e) {
            return "";
        }
    }

    public Path root() { return root; }

    /** Waits until node {@code i} printed its ready line; fails at once if the process exits. */
    public void awaitReady(int i, Duration timeout) {
        Awaitility.await("node " + i + " ready").atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (output(i).contains("ShardSQL ready")) return true;
            if (!isAlive(i)) throw new ShardSqlException(ErrorCode.INTERNAL, "node " + i + " exited:\n" + output(i));
            return false;
        });
    }

    @Override
    public void close() throws InterruptedException {
        if (client != null) client.close();
        for (int i = 0; i < processes.length; i++) kill9(i);
        MiniCluster.deleteTree(root);
    }
}
