package io.shardsql.server;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.net.NodeTls;
import io.shardsql.storage.raft.client.ClusterClient;
import io.shardsql.storage.raft.client.CommonPool;
import io.shardsql.storage.raft.host.FollowerWatch;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.host.LeaderBalancer;
import io.shardsql.storage.raft.peer.PeerReadClient;
import io.shardsql.storage.raft.peer.PeerReadServer;
import io.shardsql.storage.raft.host.ReplicaHost;
import io.shardsql.snapshot.restore.SeedWriter;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.raft.machine.GroupExtensions;
import io.shardsql.txn.CommitHook;
import io.shardsql.txn.log.TxnLogExtension;
import io.shardsql.snapshot.log.SnapshotLogExtension;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.RowCounter;
import io.shardsql.snapshot.SnapshotHook;
import io.shardsql.snapshot.SnapshotService;
import io.shardsql.snapshot.impl.SnapshotDriver;
import io.shardsql.txn.impl.TransactionManagerImpl;
import io.shardsql.sql.exec.ClusterView;
import io.shardsql.server.endpoint.SqlEndpoint;
import io.shardsql.server.users.AdminBootstrap;
import io.shardsql.server.users.UserStore;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.sql.rows.ShardPrograms;
import io.shardsql.txn.impl.TxnServices;
import io.shardsql.txn.spi.TxnClock;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One ShardSQL node: checks its configuration and data directory, opens the node-wide storage
 * resources, and starts one Ratis server hosting its replicas of {@code control} and of its shards.
 * Start-up order: ports → data directory → storage environment → replicas. Anything wrong before the
 * replicas start is one clear {@link ShardSqlException} and no data is touched.
 */
public final class Node implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Node.class);

    private final NodeConfig config;
    private final ShardMap layout;
    private RocksEnvironment env;
    private volatile ReplicaHost replicas;
    private LeaderBalancer balancer;
    private FollowerWatch followerWatch;
    private ScheduledExecutorService followerWatchRuns;
    private PeerReadServer readServer;
    private PeerReadClient peerReads;
    private ClusterClient client;
    private TransactionManagerImpl txns;
    private TxnServices txnServices;
    private SqlEngine sql;
    private UserStore users;
    private SqlEndpoint endpoint;
    private SnapshotDriver snapshots;
    private ScheduledExecutorService snapshotReclaim;
    private final Components parts;
    private final TxnClock clock;

    /** A node on the system clock. */
    public Node(NodeConfig config) {
        this(config, TxnClock.SYSTEM);
    }

    /**
     * A node whose wall clock is {@code clock}: the one clock its timestamp oracle, lock ages, heartbeats,
     * decision times and recovery grace read (tests give a node a clock that jumps; docs/transactions.md
     * says what a jump does). Raft, the SQL endpoint's timeouts and the node's deadlines run on the
     * monotonic clock, which a wall-clock jump does not move.
     */
    public Node(NodeConfig config, TxnClock clock) {
        this.config = config;
        this.clock = clock;
        this.layout = config.initialShardMap();
        this.parts = new Components(LOG, "node " + config.nodeId());
    }

    public NodeConfig config() { return config; }

    public String id() { return config.nodeId(); }

    /** The layout this node was configured with (the control group holds the published one). */
    public ShardMap layout() { return layout; }

    public synchronized void start() {
        if (!CommonPool.isPooled()) {
            LOG.warn("the JVM's common fork-join pool has one thread, so Ratis starts a thread per asynchronous task "
                    + "and replication is much slower; run with -D{}=2 (bin/shardsql does)", CommonPool.PARALLELISM);
        }
        ShardMap.Member self = config.self();
        PortCheck.requireFree(self.host(), self.raftPort(), "Raft");
        PortCheck.requireFree(self.host(), self.sqlPort(), "SQL");
        if (config.readPort().isPresent()) PortCheck.requireFree(self.host(), config.readPort().get(), "read");
        DataDir dataDir = new DataDir(config.dataDir());
        dataDir.prepare(config);
        LOG.info("node {}: links between nodes: {}", config.nodeId(), config.raft().tls());
        env = parts.start("storage environment", () -> RocksEnvironment.create(config.storage()), () -> {
            env.close();
            env = null;
        });
        replicas = parts.start("replicas", () -> new ReplicaHost(RaftPeerId.valueOf(config.nodeId()), config.raft(),
                dataDir.raftDir().toFile(), self.host(), self.raftPort(), dir -> RocksMvccStore.open(dir, env, false),
                ShardPrograms::compile, GroupExtensions.of(new TxnLogExtension(clock,
                config.txn().timestampWindow()), new SnapshotLogExtension()))
                .seededFrom(g -> Optional.of(SeedWriter.seedDir(config.dataDir(), g))), () -> {
                    try {
                        replicas.close();
                    } finally {
                        replicas = null;
                    }
                });
        List<RaftGroup> groups = layout.groupsOf(config.nodeId()).stream().map(layout::raftGroup).toList();
        parts.run(() -> {
            try {
                replicas.start(groups);
            } catch (IOException e) {
                throw new ShardSqlException(ErrorCode.INTERNAL,
                        "node " + id() + " could not start its replicas: " + e.getMessage(), e);
            }
        });
        balancer = parts.start("leader balancer",
                () -> new LeaderBalancer(replicas, preferredLeaders(), LeaderBalancer.Policy.of(config.raft())).start(),
                () -> {
                    balancer.close();
                    balancer = null;
                });
        followerWatchRuns = parts.start("follower watch", this::startFollowerWatch, () -> {
            followerWatchRuns.shutdownNow();
            followerWatchRuns = null;
        });
        if (config.readPort().isPresent()) {
            readServer = parts.start("read server",
                    () -> new PeerReadServer(replicas, this::partsDir, this::deleteBackup, config.raft().tls())
                            .start(self.host(), config.readPort().get()),
                    () -> {
                        readServer.close();
                        readServer = null;
                    });
        }
        // client() adds the cluster client and its peer-read client (unless made before), stopped after these
        txnServices = parts.start("transaction services",
                () -> new TxnServices(client(), transactions(), id(), this::leadsHere, clock).start(), () -> {
                    txnServices.close();
                    txnServices = null;
                });
        endpoint = parts.start("SQL endpoint",
                () -> new SqlEndpoint(sql(), users(), config.endpoint()).start(self.host(), self.sqlPort()), () -> {
                    endpoint.close();
                    endpoint = null;
                });
        snapshotReclaim = parts.start("snapshot reclaim", this::startSnapshotReclaim, () -> {
            snapshotReclaim.shutdownNow();
            snapshotReclaim = null;
        });
        LOG.info("node {} started: {} replicas, Raft on {}:{}", id(), groups.size(), self.host(), self.raftPort());
    }

    /**
     * Once the cluster answers, records FAILED the snapshots this node's previous process left RUNNING and
     * removes their directories ({@link SnapshotDriver#reclaimAbandoned}), trying again every two seconds
     * until it could. Returns the thread that runs it.
     */
    private ScheduledExecutorService startSnapshotReclaim() {
        ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, id() + "-snapshot-reclaim");
            t.setDaemon(true);
            return t;
        });
        Runnable attempt = new Runnable() {
            @Override
            public void run() {
                try {
                    int n = snapshotDriver().reclaimAbandoned().size();
                    if (n > 0) LOG.info("node {}: cleaned up {} snapshot(s) its previous run left", id(), n);
                } catch (RuntimeException e) {
                    LOG.debug("node {}: snapshot clean-up not done yet: {}", id(), e.toString());
                    if (!runs.isShutdown()) runs.schedule(this, 2, TimeUnit.SECONDS);
                }
            }
        };
        runs.schedule(attempt, 1, TimeUnit.SECONDS);
        return runs;
    }

    /**
     * Warns in the log about followers silent for three longest election timeouts (a leader hears from a
     * live one every half election timeout), checking every two seconds and repeating every 30 s. Returns
     * the thread that runs the checks.
     */
    private ScheduledExecutorService startFollowerWatch() {
        followerWatch = new FollowerWatch(replicas, config.raft().electionTimeoutMax().multipliedBy(3),
                Duration.ofSeconds(30));
        ScheduledExecutorService runs = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, id() + "-follower-watch");
            t.setDaemon(true);
            return t;
        });
        runs.scheduleWithFixedDelay(followerWatch, 2, 2, TimeUnit.SECONDS);
        return runs;
    }

    /** What this node's leaders know of their silent followers (tests, status). */
    public FollowerWatch followerWatch() { return followerWatch; }

    /** For each group this node hosts, the replica that should lead it: the first of its layout. */
    private Map<RaftGroupId, RaftPeerId> preferredLeaders() {
        Map<RaftGroupId, RaftPeerId> preferred = new HashMap<>();
        for (GroupName g : layout.groupsOf(config.nodeId())) {
            preferred.put(layout.raftGroup(g).getGroupId(), RaftPeerId.valueOf(layout.group(g).replicas().get(0)));
        }
        return preferred;
    }

    /**
     * Waits until the cluster can serve: the shard map is published in {@code control} (the first
     * node to get there writes it; the others check it matches their configuration) and every group
     * answers a linearizable read.
     */
    public void awaitReady(Duration timeout) {
        new ClusterBootstrap(client(), layout).awaitReady(timeout);
    }

    /** A client of the whole cluster for this node's own use (created on first use). */
    public synchronized ClusterClient client() {
        if (client == null) {
            Map<RaftPeerId, InetSocketAddress> peers = new HashMap<>();
            config.peerReadAddresses().forEach((id, address) -> peers.put(RaftPeerId.valueOf(id), address));
            peerReads = new PeerReadClient(peers, config.raft().requestTimeout(), config.raft().tls());
            parts.added("peer read client", () -> {
                peerReads.close();
                peerReads = null;
            });
            client = ClusterClient.open(layout, config.raft(), config.client(), new LocalReplicas() {
                @Override
                public RaftServer leaderOf(RaftGroupId group) {
                    ReplicaHost r = replicas;
                    return r == null ? null : r.leaderOf(group);
                }

                @Override
                public RaftPeerId leaderIdOf(RaftGroupId group) {
                    ReplicaHost r = replicas;
                    return r == null ? null : r.leaderIdOf(group);
                }
            }, peerReads);
            parts.added("cluster client", () -> {
                client.close();
                client = null;
            });
        }
        return client;
    }

    /** Transactions begun on this node. */
    public synchronized TransactionManagerImpl transactions() {
        if (txns == null) {
            txns = new TransactionManagerImpl(client(), config.txn(), config.client().deadline(), CommitHook.NONE,
                    clock);
            parts.added("transactions", () -> txns = null);
        }
        return txns;
    }

    /**
     * The SQL engine of this node (created on first use); {@code sys.shards} shows what this node's replicas report.
     */
    public synchronized SqlEngine sql() {
        if (sql == null) {
            ShardMap.Member self = config.self();
            NodeTls tls = config.raft().tls();
            sql = SqlEngine.create(transactions(), layout.shardCount(), config.ddl()).withUsers(users())
                    .withStatementMemory(config.endpoint().statementMemory())
                    .withSnapshots(new SnapshotCommandsAdapter(snapshots(), layout.shardCount()))
                    .withClusterView(() -> ClusterStatus.collect(self.host(), self.raftPort(), tls).stream()
                            .map(r -> new ClusterView.Replica(r.group(), r.node(), r.address(), r.role(), r.term(),
                                    r.leader(), r.appliedIndex(), r.commitIndex()))
                            .toList());
            parts.added("SQL engine", () -> sql = null);
        }
        return sql;
    }

    /**
     * SNAPSHOT on this node (created on first use): backups into this node's {@code backup.root}, parts
     * copied from this node's replicas or over the other nodes' read ports.
     */
    public synchronized SnapshotService snapshots() {
        return snapshotDriver();
    }

    /** {@link #snapshots()} as the driver it is (tests set its hook and read its backups). */
    public synchronized SnapshotDriver snapshotDriver() {
        if (snapshots == null) {
            SnapshotDriver.Sources sources = new SnapshotDriver.Sources(g -> {
                ReplicaHost r = replicas;
                return r == null ? null : r.extensionDir(layout.raftGroup(g).getGroupId());
            }, config.peerReadAddresses(), dir -> RocksMvccStore.open(dir, env, false),
                    dir -> RocksMvccStore.openReadOnly(dir, env), config.raft().tls());
            snapshots = new SnapshotDriver(id(), transactions(), client(), config.snapshot(), sources,
                    RowCounter.LIVE_KEYS, SnapshotHook.NONE);
            parts.added("snapshots", () -> {
                snapshots.close();
                snapshots = null;
            });
        }
        return snapshots;
    }

    /** Where this node's replica of {@code group} keeps its backup parts; null if it has none. */
    private Path partsDir(RaftGroupId group) {
        ReplicaHost r = replicas;
        Path ext = r == null ? null : r.extensionDir(group);
        return ext == null ? null : ext.resolve(SnapshotLogExtension.PARTS_DIR);
    }

    /** Deletes this node's backup {@code name} when the node running DROP SNAPSHOT asks (read port, kind 5). */
    private String deleteBackup(String name) throws IOException {
        return new BackupRoot(config.snapshot().backupRoot()).delete(name).toString();
    }

    /** The users who may connect (kept in {@code control}). */
    public synchronized UserStore users() {
        if (users == null) {
            users = new UserStore(transactions(), config.endpoint().authIterations());
            parts.added("user store", () -> users = null);
        }
        return users;
    }

    /**
     * Makes user {@code admin} if the cluster has no users yet (its first start), with {@code password} or
     * a generated one; call after {@link #awaitReady}. The outcome says whether a password was generated.
     */
    public AdminBootstrap.Outcome ensureAdmin(Optional<String> password) {
        return AdminBootstrap.ensureAdmin(users(), password);
    }

    /** The SQL endpoint's port (useful when the configuration said 0). */
    public int sqlPort() {
        return endpoint.port();
    }

    /** Hands leadership of this node's groups to their preferred replicas. */
    public LeaderBalancer leaderBalancer() { return balancer; }

    /** The background transaction work of this node (coordinator recovery, garbage collection). */
    public TxnServices txnServices() { return txnServices; }

    /** Whether this node's replica of {@code group} is its leader right now. */
    public boolean leadsHere(GroupName group) {
        ReplicaHost r = replicas;
        if (r == null || !hosts(group)) return false;
        try {
            return r.division(layout.raftGroup(group).getGroupId()).getInfo().isLeader();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public ReplicaHost replicas() { return replicas; }

    public boolean hosts(GroupName group) {
        return layout.groupsOf(config.nodeId()).contains(group);
    }

    /**
     * Stops the node's parts, those {@link #start} started and those made on demand (clients, transactions,
     * SQL engine, users), newest first; a failed start does the same.
     */
    @Override
    public synchronized void close() {
        parts.close();
    }
}
