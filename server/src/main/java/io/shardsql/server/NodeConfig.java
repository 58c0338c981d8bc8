package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;
import io.shardsql.storage.raft.ClientOptions;
import io.shardsql.storage.raft.RaftSettings;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.rocksdb.RocksSettings;
import io.shardsql.server.endpoint.EndpointSettings;
import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.txn.TxnSettings;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * A member is {@code id@host:sqlPort:raftPort}. The cluster id is derived from the cluster name, so
 * every node of a cluster agrees on it without talking, and a data directory of another cluster is
 * recognised.
 */
public record NodeConfig(String clusterName, UUID clusterId, String nodeId, Path dataDir, List<ShardMap.Member> members,
                         int shards, int coordinators, int replication, RaftSettings raft, ClientOptions client, RocksSettings storage,
                         TxnSettings txn, DdlSettings ddl, EndpointSettings endpoint) {

    public static final ConfigKey<String> CLUSTER_NAME = ConfigKey.string("cluster.name", "shardsql", "name of the cluster");
    public static final ConfigKey<String> MEMBERS = ConfigKey.string("cluster.members", null,
            "comma-separated id@host:sqlPort:raftPort of every node");
    public static final ConfigKey<Integer> SHARDS = ConfigKey.integer("cluster.shards", 4, "number of shards (fixed at creation)");
    public static final ConfigKey<Integer> COORDINATORS = ConfigKey.integer("cluster.coordinators", 1,
            "number of transaction coordinator groups (fixed at creation)");
    public static final ConfigKey<Integer> REPLICATION = ConfigKey.integer("cluster.replication", 3, "replicas per group");
    public static final ConfigKey<String> NODE_ID = ConfigKey.string("node.id", null, "this node's member id");
    public static final ConfigKey<String> DATA_DIR = ConfigKey.string("node.data-dir", null, "this node's data directory");

    public NodeConfig {
        members = List.copyOf(members);
        validate(nodeId, members, shards, replication);
        if (coordinators < 1 || coordinators > 64) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.coordinators must be 1..64");
    }

    public static NodeConfig load(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cannot read configuration file " + file + ": " + e.getMessage());
        }
        return fromProperties(p, file.toAbsolutePath().getParent());
    }

    /** Relative data directories are resolved against {@code base} (the config file's directory). */
    public static NodeConfig fromProperties(Properties p, Path base) {
        String name = CLUSTER_NAME.get(p);
        Path dataDir = Path.of(DATA_DIR.get(p));
        if (!dataDir.isAbsolute() && base != null) dataDir = base.resolve(dataDir);
        return new NodeConfig(name, clusterIdOf(name), NODE_ID.get(p), dataDir.normalize(), parseMembers(MEMBERS.get(p)),
                SHARDS.get(p), COORDINATORS.get(p), REPLICATION.get(p), RaftSettings.from(p), ClientOptions.from(p), RocksSettings.from(p),
                TxnSettings.from(p), DdlSettings.from(p), EndpointSettings.from(p));
    }

    /**
     * Configurations of a cluster whose nodes all run on loopback: node {@code i} is {@code n<i+1>},
     * listens on {@code sqlPorts[i]} and {@code raftPorts[i]}, and keeps its data in
     * {@code dataRoot/n<i+1>}. {@code settings} are added to every node's configuration.
     */
    public static List<NodeConfig> loopbackCluster(String clusterName, int[] sqlPorts, int[] raftPorts, Path dataRoot,
                                                   int shards, int replication, Properties settings) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < sqlPorts.length; i++) members.add("n" + (i + 1) + "@127.0.0.1:" + sqlPorts[i] + ":" + raftPorts[i]);
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
            try {
                int at = s.indexOf('@');
                String[] hp = s.substring(at + 1).split(":");
                if (at <= 0 || hp.length != 3) throw new IllegalArgumentException();
                out.add(new ShardMap.Member(s.substring(0, at), hp[0], Integer.parseInt(hp[2]), Integer.parseInt(hp[1])));
            } catch (RuntimeException e) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                        "bad member '" + s + "' in cluster.members: expected id@host:sqlPort:raftPort");
            }
        }
        return out;
    }

    private static void validate(String nodeId, List<ShardMap.Member> members, int shards, int replication) {
        if (members.isEmpty()) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.members is empty");
        Set<String> ids = new HashSet<>();
        Set<String> addresses = new HashSet<>();
        for (ShardMap.Member m : members) {
            if (!ids.add(m.id())) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "member id " + m.id() + " appears twice");
            if (!addresses.add(m.raftAddress())) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "two members share the Raft address " + m.raftAddress());
            }
            if (m.raftPort() == m.sqlPort()) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "member " + m.id() + " uses port " + m.sqlPort() + " twice");
            }
        }
        if (!ids.contains(nodeId)) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "node.id " + nodeId + " is not one of cluster.members " + ids);
        }
        if (shards < 1 || shards > 4096) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "cluster.shards must be 1..4096");
        if (replication < 1 || replication > members.size()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "cluster.replication " + replication + " must be between 1 and the number of members (" + members.size() + ")");
        }
    }

    public ShardMap.Member self() {
        return members.stream().filter(m -> m.id().equals(nodeId)).findFirst().orElseThrow();
    }

    /** The layout this configuration describes (the first version of the shard map). */
    public ShardMap initialShardMap() {
        return ShardMap.initial(clusterId, members, shards, coordinators, replication);
    }

    /** Members written the way the config file writes them; used to detect a changed membership. */
    public String membersSpec() {
        return String.join(",", members.stream().map(m -> m.id() + "@" + m.host() + ":" + m.sqlPort() + ":" + m.raftPort()).toList());
    }
}
