package io.shardsql.txn;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;

import java.time.Duration;
import java.util.Properties;

/**
 * Transaction settings.
 *
 * @param lockTtl          how long after prepare, or after its driver's last heartbeat, a lock may be presumed
 *                         abandoned by a dead driver
 * @param lockWaitTimeout  how long a read or a write waits for another transaction's lock
 * @param gcInterval       how often a node collects garbage in the groups it leads
 * @param gcRetention      how far back reads may go: versions younger than this are never collected
 * @param recoveryInterval how often a coordinator leader re-pushes decisions that are not resolved yet
 * @param activePublishInterval how often a node publishes its oldest running transaction
 *                         ({@link ActiveTransactions}); online schema changes wait about this long
 * @param resolveLinger    how long the locks of a decided multi-shard transaction may wait for other
 *                         writes to their shard to share a Raft entry with, before they are resolved alone
 * @param timestampWindow  how far ahead of the clock the timestamp oracle raises its persisted limit (one
 *                         Raft entry covers this much time of timestamps)
 * @param writeBufferMemory the most bytes one transaction's buffered writes may take before a write fails with
 *                         53200 (docs/transactions.md, "Limits")
 */
public record TxnSettings(Duration lockTtl, Duration lockWaitTimeout, Duration gcInterval, Duration gcRetention,
                          Duration recoveryInterval, Duration activePublishInterval, Duration resolveLinger,
                          Duration timestampWindow, long writeBufferMemory) {
    /** One sixteenth of the heap, at least 16 MB: a few large transactions at once still leave the node room. */
    public static final long DEFAULT_WRITE_BUFFER_MEMORY = Math.max(16L << 20, Runtime.getRuntime().maxMemory() / 16);
    public static final ConfigKey<Duration> LOCK_TTL = ConfigKey.duration("txn.lock-ttl", Duration.ofSeconds(5),
            "how long after prepare, or after its driver's last heartbeat, a lock may be presumed abandoned");
    public static final ConfigKey<Duration> LOCK_WAIT_TIMEOUT = ConfigKey.duration("txn.lock-wait-timeout",
            Duration.ofSeconds(10), "how long a read or write waits for another transaction's lock");
    public static final ConfigKey<Duration> GC_INTERVAL = ConfigKey.duration("gc.interval", Duration.ofSeconds(30),
            "how often old versions are collected");
    public static final ConfigKey<Duration> GC_RETENTION = ConfigKey.duration("gc.retention", Duration.ofMinutes(10),
            "versions younger than this are kept, whatever runs");
    public static final ConfigKey<Duration> RECOVERY_INTERVAL = ConfigKey.duration("txn.recovery-interval",
            Duration.ofSeconds(2), "how often a coordinator leader finishes decisions left unresolved");
    public static final ConfigKey<Duration> ACTIVE_PUBLISH_INTERVAL = ConfigKey.duration("txn.active-publish-interval",
            Duration.ofMillis(500),
            "how often a node publishes its oldest running transaction (schema changes wait for it)");
    public static final ConfigKey<Duration> RESOLVE_LINGER = ConfigKey.duration("txn.resolve-linger",
            Duration.ofMillis(2),
            "how long resolving a decided transaction's locks waits to share a Raft entry with other writes "
                    + "(0: never)");

    public static final ConfigKey<Duration> TIMESTAMP_WINDOW = ConfigKey.duration("txn.timestamp-window",
            Duration.ofSeconds(3), "how far ahead of the clock the timestamp oracle raises its persisted limit");

    public static final ConfigKey<Long> WRITE_BUFFER_MEMORY = ConfigKey.bytes("txn.write-buffer-memory",
            DEFAULT_WRITE_BUFFER_MEMORY, "the most bytes one transaction's buffered writes may take (then 53200)");

    public TxnSettings {
        if (writeBufferMemory < 1024) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "txn.write-buffer-memory must be at least 1024 bytes");
        }
    }

    public static TxnSettings from(Properties p) {
        return new TxnSettings(LOCK_TTL.get(p), LOCK_WAIT_TIMEOUT.get(p), GC_INTERVAL.get(p), GC_RETENTION.get(p),
                RECOVERY_INTERVAL.get(p), ACTIVE_PUBLISH_INTERVAL.get(p), RESOLVE_LINGER.get(p),
                TIMESTAMP_WINDOW.get(p), WRITE_BUFFER_MEMORY.get(p));
    }

    public static TxnSettings defaults() {
        return from(new Properties());
    }
}
