package io.shardsql.testkit;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.server.NodeConfig;
import io.shardsql.server.users.AdminBootstrap;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * N ShardSQL nodes as separate JVM processes ({@code shardsql node --config FILE}), for tests that
 * need {@code kill -9}, {@code SIGSTOP} or network partitions. Each process gets a config file and a
 * log file under the cluster's directory, and every setting of the layout ({@link MiniCluster.Builder#set}).
 * Made with {@link #inNamespaces}, each node runs in a network namespace of its own
 * ({@link NetworkNamespaces}) and can be cut off from its peers; its clients in the test JVM still reach it.
 */
public final class ProcessCluster implements AutoCloseable {
    private final List<NodeConfig> configs;
    private final List<Path> configFiles = new ArrayList<>();
    private final Process[] processes;
    private final Path root;
    private final NetworkNamespaces network; // null: every node on loopback
    private ClusterClient client;

    public ProcessCluster(MiniCluster.Builder layout) throws IOException {
        this(layout, null);
    }

    private ProcessCluster(MiniCluster.Builder layout, NetworkNamespaces network) throws IOException {
        this.network = network;
        this.root = Files.createTempDirectory("shardsql-proc");
        this.configs = layout.configs(root);
        this.processes = new Process[configs.size()];
        Properties settings = layout.settings();
        for (NodeConfig c : configs) configFiles.add(writeConfig(c, settings));
    }

    /**
     * A cluster whose node {@code i} runs in network namespace {@code i} of a fresh {@link NetworkNamespaces},
     * listening on that namespace's address (the layout's hosts are set to them). Call
     * {@link NetworkNamespaces#assumeAvailable} first; closing the cluster deletes the namespaces.
     */
    public static ProcessCluster inNamespaces(MiniCluster.Builder layout) throws IOException {
        NetworkNamespaces net = NetworkNamespaces.create(layout.nodeCount());
        try {
            layout.hosts(net.addresses());
            return new ProcessCluster(layout, net);
        } catch (Throwable t) { // an Error too: nothing may stay behind
            net.close();
            throw t;
        }
    }

    private Path writeConfig(NodeConfig c, Properties settings) throws IOException {
        Properties p = new Properties();
        p.putAll(settings);
        NodeConfig.CLUSTER_NAME.set(p, c.clusterName());
        NodeConfig.MEMBERS.set(p, c.membersConfig());
        NodeConfig.SHARDS.set(p, c.shards());
        NodeConfig.REPLICATION.set(p, c.replication());
        NodeConfig.NODE_ID.set(p, c.nodeId());
        NodeConfig.DATA_DIR.set(p, c.dataDir().toString());
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
        List<String> command = nodeCommand(configFiles.get(i), !configs.get(i).raft().tls().enabled());
        ProcessBuilder pb = new ProcessBuilder(network == null ? command : network.inNamespace(i, command));
        pb.environment().put(AdminBootstrap.PASSWORD_ENV, MiniCluster.ADMIN_PASSWORD);
        pb.redirectErrorStream(true);
        Path out = root.resolve(configs.get(i).nodeId() + ".out");
        if (Files.exists(out)) {
            Files.move(out, out.resolveSibling(out.getFileName() + ".previous"), StandardCopyOption.REPLACE_EXISTING);
        }
        pb.redirectOutput(out.toFile()); // a fresh file per start, so awaitReady sees only this run
        processes[i] = pb.start();
    }

    /**
     * How a node process is launched: {@code shardsql node --config FILE} on this JVM's class path, with
     * {@code --insecure} when the layout has no TLS ({@link MiniCluster.Builder#tls}).
     */
    private static List<String> nodeCommand(Path configFile, boolean insecure) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.shardsql.cli.ShardSqlCli", "node", "--config", configFile.toString()));
        if (insecure) command.add("--insecure");
        return command;
    }

    /** {@code kill -9}: the process gets no chance to flush or close anything. */
    public synchronized void kill9(int i) throws InterruptedException {
        Process p = processes[i];
        if (p == null) return;
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) throw new IllegalStateException("process of node " + i + " did not die");
        processes[i] = null;
    }

    /**
     * {@code kill -STOP}: node {@code i}'s process freezes (its sockets stay open, nothing answers) until
     * {@link #resume}.
     */
    public void pause(int i) throws IOException {
        signal(i, "STOP");
    }

    /** {@code kill -CONT}: node {@code i}'s paused process runs on. */
    public void resume(int i) throws IOException {
        signal(i, "CONT");
    }

    private synchronized void signal(int i, String signal) throws IOException {
        Process p = processes[i];
        if (p == null || !p.isAlive()) throw new IllegalStateException("node " + i + " is not running");
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).redirectErrorStream(true)
                    .start();
            String out = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (kill.waitFor() != 0) throw new IOException("kill -" + signal + " " + p.pid() + ": " + out.trim());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted signalling node " + i, e);
        }
    }

    /** Cuts node {@code i} off from every other node, both ways; the test JVM still reaches it. */
    public void isolate(int i) throws IOException {
        network().cut(i, NetworkNamespaces.Direction.BOTH);
    }

    /** Drops only node {@code i}'s {@code OUTGOING} or only its {@code INCOMING} traffic with the other nodes. */
    public void isolateOneWay(int i, NetworkNamespaces.Direction direction) throws IOException {
        network().cut(i, direction);
    }

    /** The nodes in {@code minority} on one side, the others on the other, both ways. */
    public void split(Set<Integer> minority) throws IOException {
        network().split(minority);
    }

    /** Ends every partition. */
    public void heal() throws IOException {
        network().heal();
    }

    /** The namespaces the nodes run in; only for a cluster made with {@link #inNamespaces}. */
    public NetworkNamespaces network() {
        if (network == null) {
            throw new IllegalStateException("this cluster runs on loopback: make it with ProcessCluster.inNamespaces");
        }
        return network;
    }

    /** Node {@code i}'s configuration, as its process read it. */
    public NodeConfig config(int i) { return configs.get(i); }

    /** A JDBC URL of node {@code i}'s SQL endpoint alone. */
    public String jdbcUrl(int i) {
        return "jdbc:shardsql://" + configs.get(i).self().host() + ":" + configs.get(i).self().sqlPort() + "/";
    }

    public int size() { return processes.length; }

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
        try {
            if (client != null) client.close();
        } finally {
            try {
                for (int i = 0; i < processes.length; i++) kill9(i);
            } finally {
                if (network != null) network.close();
                MiniCluster.deleteTree(root);
            }
        }
    }
}
