package io.shardsql.storage.raft;

import io.shardsql.common.config.ConfigKey;
import org.apache.ratis.client.RaftClientConfigKeys;
import io.shardsql.storage.net.NodeTls;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Replication settings of a node, read from its configuration with typed keys, and turned into
 * Ratis properties in one place.
 *
 * <p>Election timeouts default to 1–2 s: on 2-core machines Ratis' 150–300 ms defaults caused
 * spurious leader changes under load. Snapshots are taken every {@code snapshotThreshold} entries;
 * the log is purged up to the snapshot, so a replica that falls further behind is caught up by
 * snapshot install.
 */
public record RaftSettings(Duration electionTimeoutMin, Duration electionTimeoutMax, Duration requestTimeout,
                           long snapshotThreshold, long segmentSizeBytes, int purgeGap, boolean verifyOnStart,
                           Duration leaderBalanceInterval, long entryMaxBytes, long restartFreeBytes,
                           Map<String, String> ratisOverrides, NodeTls tls) {

    /** Settings {@code ratis.<key>} are handed to Ratis as {@code <key>} unchanged (expert tuning). */
    public static final String RATIS_PREFIX = "ratis.";

    public RaftSettings {
        ratisOverrides = Map.copyOf(ratisOverrides);
        if (tls == null) tls = NodeTls.OFF;
        EntryLimits.check(entryMaxBytes, ratisOverrides);
    }

    public static final ConfigKey<Duration> ELECTION_TIMEOUT_MIN = ConfigKey.duration("raft.election-timeout.min",
            Duration.ofMillis(1000), "shortest election timeout");
    public static final ConfigKey<Duration> ELECTION_TIMEOUT_MAX = ConfigKey.duration("raft.election-timeout.max",
            Duration.ofMillis(2000), "longest election timeout");
    public static final ConfigKey<Duration> REQUEST_TIMEOUT = ConfigKey.duration("raft.request-timeout",
            Duration.ofSeconds(5), "how long a replica waits for a Raft request to be answered");
    public static final ConfigKey<Long> SNAPSHOT_THRESHOLD = ConfigKey.longKey("raft.snapshot.threshold-entries",
            100_000L, "log entries between two snapshots of a group");
    public static final ConfigKey<Long> SEGMENT_SIZE = ConfigKey.longKey("raft.log.segment-size.bytes",
            8L * 1024 * 1024, "size of one Raft log segment file");
    /**
     * The largest Raft entry, as Ratis' {@code raft.server.log.appender.buffer.byte-limit}: a leader refuses to
     * append a larger one, and a follower is sent at most this much per request. {@link EntryLimits} has the
     * other limits it must stay within (gRPC's message size, the log's write buffer).
     */
    public static final ConfigKey<Long> ENTRY_MAX_BYTES = ConfigKey.bytes("raft.log.entry-max-bytes",
            EntryLimits.DEFAULT_ENTRY_MAX_BYTES, "the largest Raft entry (one transaction's writes to one shard)");
    public static final ConfigKey<Integer> PURGE_GAP = ConfigKey.integer("raft.log.purge-gap",
            1024, "purge the log only when the snapshot is this many entries past the last purge");
    public static final ConfigKey<Boolean> VERIFY_ON_START = ConfigKey.bool("storage.verify-on-start",
            true, "verify every checksum of a replica's files when it starts");
    public static final ConfigKey<Duration> LEADER_BALANCE_INTERVAL = ConfigKey.duration("raft.leader-balance.interval",
            Duration.ofSeconds(2),
            "how often a leader checks whether to hand over to its group's preferred replica (0: never)");

    public static final ConfigKey<Long> RESTART_FREE = ConfigKey.longKey("storage.restart-free.bytes",
            64L * 1024 * 1024, "a replica stopped by a storage failure (a full disk) restarts once its data "
                    + "directory has this many bytes free");

    public static final List<ConfigKey<?>> KEYS = List.of(ELECTION_TIMEOUT_MIN, ELECTION_TIMEOUT_MAX, REQUEST_TIMEOUT,
            SNAPSHOT_THRESHOLD, SEGMENT_SIZE, PURGE_GAP, VERIFY_ON_START, LEADER_BALANCE_INTERVAL, ENTRY_MAX_BYTES,
            RESTART_FREE);

    public static RaftSettings from(Properties p) {
        return from(p, null);
    }

    /** Settings in {@code p}; the TLS files it names ({@link NodeTls#from}) are resolved against {@code base}. */
    public static RaftSettings from(Properties p, Path base) {
        Map<String, String> overrides = new TreeMap<>();
        for (String k : p.stringPropertyNames()) {
            if (k.startsWith(RATIS_PREFIX)) overrides.put(k.substring(RATIS_PREFIX.length()), p.getProperty(k).trim());
        }
        return new RaftSettings(ELECTION_TIMEOUT_MIN.get(p), ELECTION_TIMEOUT_MAX.get(p), REQUEST_TIMEOUT.get(p),
                SNAPSHOT_THRESHOLD.get(p), SEGMENT_SIZE.get(p), PURGE_GAP.get(p), VERIFY_ON_START.get(p),
                LEADER_BALANCE_INTERVAL.get(p), ENTRY_MAX_BYTES.get(p), RESTART_FREE.get(p), overrides,
                NodeTls.from(p, base));
    }

    public static RaftSettings defaults() {
        return from(new Properties());
    }

    /** These settings with {@code tls} as the node's identity on its links to other nodes. */
    public RaftSettings withTls(NodeTls tls) {
        return new RaftSettings(electionTimeoutMin, electionTimeoutMax, requestTimeout, snapshotThreshold,
                segmentSizeBytes, purgeGap, verifyOnStart, leaderBalanceInterval, entryMaxBytes, restartFreeBytes,
                ratisOverrides, tls);
    }

    /**
     * Ratis parameters for every server and client of this node: with {@link #tls} on, mutual TLS on the
     * Raft port (Ratis' gRPC transport, for its server, admin and client services alike). Every
     * {@code RaftServer} and {@code RaftClient} the node builds takes them beside its properties.
     */
    public Parameters parameters() {
        Parameters p = new Parameters();
        if (tls.enabled()) {
            GrpcConfigKeys.TLS.setConf(p, new GrpcTlsConfig(tls.keyManager(), tls.trustManager(), true));
        }
        return p;
    }

    /** Ratis properties for a server storing its groups under {@code storageDir}, listening on {@code port}. */
    public RaftProperties serverProperties(File storageDir, String host, int port) {
        RaftProperties p = clientProperties();
        RaftServerConfigKeys.setStorageDir(p, List.of(storageDir));
        GrpcConfigKeys.Server.setHost(p, host);
        GrpcConfigKeys.Server.setPort(p, port);
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, millis(electionTimeoutMin));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, millis(electionTimeoutMax));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, millis(requestTimeout));
        RaftServerConfigKeys.Read.setOption(p, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
        RaftServerConfigKeys.Read.setLeaderLeaseEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(p, true);
        RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(p, snapshotThreshold);
        RaftServerConfigKeys.Snapshot.setRetentionFileNum(p, 1);
        RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(p, true);
        RaftServerConfigKeys.Log.setPurgeGap(p, purgeGap);
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf(segmentSizeBytes));
        RaftServerConfigKeys.Log.setWriteBufferSize(p,
                SizeInBytes.valueOf(EntryLimits.writeBufferBytes(entryMaxBytes)));
        RaftServerConfigKeys.Log.Appender.setInstallSnapshotEnabled(p, true);
        RaftServerConfigKeys.Log.Appender.setRetryPolicy(p, APPENDER_RETRY_POLICY);
        // No "metadata" entries: by default a leader appends an extra log entry recording its commit index
        // each time that index moves, only so that a restarted replica can re-apply committed entries before
        // it hears from a leader. Our state machines persist their applied index with the data (one RocksDB
        // batch), so they never need it; it cost one more entry per commit, and followers may not learn that a
        // trailing one is committed until the next write, so an idle follower looked one entry behind its leader.
        RaftServerConfigKeys.Log.setLogMetadataEnabled(p, false);
        ratisOverrides.forEach(p::set);
        return p;
    }

    /**
     * Ratis properties for clients of the groups.
     *
     * <p>A Ratis client blocks the thread that sends when it has {@code outstanding-requests.max}
     * requests in flight (default 100). Sends also start from reply callbacks (the write batcher's next
     * entry, a transaction's next step), which run on the thread that delivers the client's replies; a
     * callback blocked there stops the replies that would free the window, and every request of the
     * group then waits for its timeout. So the window is made large enough never to fill: what we send
     * is bounded by our own layers (one write entry in flight per group, one read per group and
     * statement).
     */
    public RaftProperties clientProperties() {
        RaftProperties p = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, millis(requestTimeout));
        RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, CLIENT_OUTSTANDING_REQUESTS);
        // Servers refuse a larger entry; clients read it back (ShardClient) to refuse one before proposing it.
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(entryMaxBytes));
        ratisOverrides.forEach((k, v) -> {
            if (k.startsWith("raft.client.")) p.set(k, v);
        });
        return p;
    }

    /** The largest command a client may propose: {@link #entryMaxBytes} less the entry's own header. */
    public long maxCommandBytes() {
        return EntryLimits.maxCommandBytes(entryMaxBytes);
    }

    /**
     * How long a leader waits before it tries a follower again after failed appends: at once for the
     * first 10 failures, then 100 ms for the next 50, then 500 ms for as long as it takes (each wait
     * is randomised between half and one and a half times its value).
     *
     * <p>Ratis' default ({@code 1ms,10, 1s,20, 5s,1000}) waits 5 s between tries once 30 appends have
     * failed, which takes a follower about 20 s away, and each append a restarting follower still
     * refuses costs 5 s more: a node back from a long outage waited seconds for its leaders after its
     * replicas had started. A try at a node that is down is one refused connection per group every
     * half second, which costs nothing worth saving.
     */
    static final String APPENDER_RETRY_POLICY = "1ms,10, 100ms,50, 500ms," + Integer.MAX_VALUE;

    /** Requests one client may have in flight before a send blocks; see {@link #clientProperties}. */
    static final int CLIENT_OUTSTANDING_REQUESTS = 100_000;

    private static TimeDuration millis(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }
}
