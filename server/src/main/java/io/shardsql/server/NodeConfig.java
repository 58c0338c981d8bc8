package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;
import io.shardsql.storage.raft.client.ClientOptions;
import io.shardsql.storage.raft.RaftSettings;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.server.endpoint.EndpointSettings;
import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.txn.TxnSettings;
import io.shardsql.snapshot.SnapshotSettings;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

/**
 * Everything one node needs to start: who it is, where its data lives, and the static membership of
 * its cluster. Read from a properties file ({@code bin/shardsql node --config FILE}) or built by the
 * embedded launcher. Example:
 *
 * <pre>
 * cluster.name        = prod
 * cluster.members     = n1@10.0.0.1:9470:9570, n2@10.0.0.2:9470:9570, n3@10.0.0.3:9470:9570
 * cluster.shards      = 8
 * cluster.coordinators = 1
 * cluster.replication = 3
 * node.id             = n1
 * node.data-dir       = /var/lib/shardsql
 * </pre>
 *
 * A member is {@code id@host:sqlPort:raftPort[:readPort]}. The read port is optional: other nodes
 * send reads for the groups a node leads there instead of through Ratis' gRPC client
 * ({@code PeerReadServer}); it is not part of the membership a data directory remembers, so it may be
 * added or changed at any restart. The cluster id is derived from the cluster name, so every node of a
 * cluster agrees on it without talking, and a data directory of another cluster is recognised.
 */
public record NodeConfig(String clusterName, UUID clusterId, String nodeId, Path dataDir, List<ShardMap.Member> members,
                         Map<String, Integer> readPorts,
                         int shards, int coordinators, int replication, RaftSettings raft, ClientOptions client,
                         RocksSettings storage, TxnSettings txn, DdlSettings ddl, EndpointSettings endpoint,
                         SnapshotSettings snapshot) {

    public static final ConfigKey<String> CLUSTER_NAME = ConfigKey.string("cluster.name", "shardsql",
            "name of the cluster");
    public static final ConfigKey<String> MEMBERS = ConfigKey.string("cluster.members", null,
            "comma-separated id@host:sqlPort:raftPort[:readPort] of every node");
    public static final ConfigKey<Integer> SHARDS = ConfigKey.integer("cluster.shards", 4,
            "number of shards (fixed at creation)");
    public static final ConfigKey<Integer> COORDINATORS = ConfigKey.integer("cluster.coordinators", 1,
            "number of transaction coordinator groups (fixed at creation)");
    public static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("cluster.replication", 3,
            "replicas per group");
    public static final ConfigKey<String> NODE_ID = ConfigKey.string("node.id", null, "this node's member id");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.string("node.data-dir", null,
            "this node's data directory");

    public NodeConfig {
        members = List.copyOf(members);
        readPorts = Map.copyOf(readPorts);
        validate(nodeId, members, readPorts, shards, replication);
        if (coordinators < 1 || coordinators > 64) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.coordinators must be 1..64");
        }
    }

    /** This configuration with {@code raft} as its replication settings (another TLS identity, say). */
    public NodeConfig withRaft(RaftSettings raft) {
        return new NodeConfig(clusterName, clusterId, nodeId, dataDir, members, readPorts, shards, coordinators,
                replication, raft, client, storage, txn, ddl, endpoint, snapshot);
    }

    public static NodeConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cannot read configuration file " + file
                    + ": " + e.getMessage());
        }
        return fromProperties(p, file.toAbsolutePath().getParent());
    }

    /** Relative data directories are resolved against {@code base} (the config file's directory). */
    public static NodeConfig fromProperties(Properties p, Path base) {
        String name = CLUSTER_NAME.get(p);
        Path dataDir = Path.of(DATA_DIR.get(p));
        if (!dataDir.isAbsolute() && base != null) dataDir = base.resolve(dataDir);
        String members = MEMBERS.get(p);
        return new NodeConfig(name, clusterIdOf(name), NODE_ID.get(p), dataDir.normalize(), parseMembers(members),
                parseReadPorts(members), SHARDS.get(p), COORDINATORS.get(p), REPLICATION.get(p),
                RaftSettings.from(p, base), ClientOptions.from(p), RocksSettings.from(p), TxnSettings.from(p),
                DdlSettings.from(p), EndpointSettings.from(p), SnapshotSettings.from(p, dataDir.normalize()));
    }

    /**
     * Configurations of a cluster whose nodes all run on loopback: node {@code i} is {@code n<i+1>},
     * listens on {@code sqlPorts[i]}, {@code raftPorts[i]} and {@code readPorts[i]} (none if {@code readPorts}
     * is null), and keeps its data in {@code dataRoot/n<i+1>}. {@code settings} are added to every node's
     * configuration.
     */
    public static List<NodeConfig> loopbackCluster(String clusterName, int[] sqlPorts, int[] raftPorts, int[] readPorts,
                                                   Path dataRoot, int shards, int replication, Properties settings) {
        String[] hosts = new String[sqlPorts.length];
        Arrays.fill(hosts, "127.0.0.1");
        return localCluster(clusterName, hosts, sqlPorts, raftPorts, readPorts, dataRoot, shards, replication,
                settings);
    }

    /**
     * {@link #loopbackCluster}, with node {@code i} on {@code hosts[i]} instead of 127.0.0.1 (a node
     * listens on its member's host: tests give each node process an address of its own).
     */
    public static List<NodeConfig> localCluster(String clusterName, String[] hosts, int[] sqlPorts, int[] raftPorts,
                                                int[] readPorts, Path dataRoot, int shards, int replication,
                                                Properties settings) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < sqlPorts.length; i++) {
            members.add("n" + (i + 1) + "@" + hosts[i] + ":" + sqlPorts[i] + ":" + raftPorts[i]
                    + (readPorts == null ? "" : ":" + readPorts[i]));
        }
        List<NodeConfig> configs = new ArrayList<>();
        for (int i = 0; i < sqlPorts.length; i++) {
            Properties p = new Properties();
            p.putAll(settings);
            CLUSTER_NAME.set(p, clusterName);
            MEMBERS.set(p, String.join(",", members));
            SHARDS.set(p, shards);
            REPLICATION.set(p, replication);
            NODE_ID.set(p, "n" + (i + 1));
            DATA_DIR.set(p, dataRoot.resolve("n" + (i + 1)).toAbsolutePath().toString());
            configs.add(fromProperties(p, null));
        }
        return configs;
    }

    public static UUID clusterIdOf(String clusterName) {
        return UUID.nameUUIDFromBytes(("shardsql-cluster:" + clusterName).getBytes(StandardCharsets.UTF_8));
    }

    static List<ShardMap.Member> parseMembers(String spec) {
        List<ShardMap.Member> out = new ArrayList<>();
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) continue;
            String[] hp = ports(s);
            out.add(new ShardMap.Member(s.substring(0, s.indexOf('@')), hp[0], Integer.parseInt(hp[2]),
                    Integer.parseInt(hp[1])));
        }
        return out;
    }

    /** The read ports members name (member id → port); members without one are absent. */
    static Map<String, Integer> parseReadPorts(String spec) {
        Map<String, Integer> out = new HashMap<>();
        for (String item : spec.split(",")) {
            String s = item.trim();
            if (s.isEmpty()) continue;
            String[] hp = ports(s);
            if (hp.length == 4) out.put(s.substring(0, s.indexOf('@')), Integer.parseInt(hp[3]));
        }
        return out;
    }

    /** {@code host, sqlPort, raftPort[, readPort]} of one member, each port a number 0..65535. */
    private static String[] ports(String member) {
        int at = member.indexOf('@');
        String[] hp = member.substring(at + 1).split(":");
        boolean ok = at > 0 && (hp.length == 3 || hp.length == 4) && !hp[0].isEmpty();
        for (int i = 1; ok && i < hp.length; i++) ok = hp[i].matches("[0-9]{1,5}") && Integer.parseInt(hp[i]) <= 65535;
        if (!ok) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "bad member '" + member + "' in cluster.members: expected id@host:sqlPort:raftPort[:readPort]");
        }
        return hp;
    }

    private static void validate(String nodeId, List<ShardMap.Member> members, Map<String, Integer> readPorts,
                                 int shards, int replication) {
        if (members.isEmpty()) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.members is empty");
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (ShardMap.Member m : members) {
            if (!ids.add(m.id())) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "member id " + m.id() + " appears twice");
            }
            if (!addresses.add(m.raftAddress())) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                        "two members share the Raft address " + m.raftAddress());
            }
            Integer read = readPorts.get(m.id());
            if (m.raftPort() == m.sqlPort() || read != null && (read == m.sqlPort() || read == m.raftPort())) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "member " + m.id() + " uses a port twice");
            }
        }
        if (!ids.contains(nodeId)) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "node.id " + nodeId
                    + " is not one of cluster.members " + ids);
        }
        if (shards < 1 || shards > 4096) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.shards must be 1..4096");
        }
        if (replication < 1 || replication > members.size()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "cluster.replication " + replication + " must be between 1 and the number of members ("
                            + members.size() + ")");
        }
    }

    public ShardMap.Member self() {
        return members.stream().filter(m -> m.id().equals(nodeId)).findFirst().orElseThrow();
    }

    /** The layout this configuration describes (the first version of the shard map). */
    public ShardMap initialShardMap() {
        return ShardMap.initial(clusterId, members, shards, coordinators, replication);
    }

    /** Members without their read ports; what a data directory remembers to detect a changed membership. */
    public String membersSpec() {
        return String.join(",", members.stream()
                .map(m -> m.id() + "@" + m.host() + ":" + m.sqlPort() + ":" + m.raftPort()).toList());
    }

    /** Members as the configuration file writes them, read ports included. */
    public String membersConfig() {
        return String.join(",", members.stream()
                .map(m -> m.id() + "@" + m.host() + ":" + m.sqlPort() + ":" + m.raftPort()
                        + (readPorts.containsKey(m.id()) ? ":" + readPorts.get(m.id()) : "")).toList());
    }

    /** This node's read port, if it has one. */
    public Optional<Integer> readPort() {
        return Optional.ofNullable(readPorts.get(nodeId));
    }

    /** The read addresses of the other members that have a read port (member id → host and port). */
    public Map<String, InetSocketAddress> peerReadAddresses() {
        Map<String, InetSocketAddress> out = new HashMap<>();
        for (ShardMap.Member m : members) {
            Integer port = readPorts.get(m.id());
            if (port != null && !m.id().equals(nodeId)) {
                out.put(m.id(), InetSocketAddress.createUnresolved(m.host(), port));
            }
        }
        return out;
    }
}
