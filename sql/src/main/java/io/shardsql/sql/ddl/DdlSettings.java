package io.shardsql.sql.ddl;

import io.shardsql.common.config.ConfigKey;

import java.time.Duration;
import java.util.Properties;

/**
 * Settings of schema changes.
 *
 * @param staleAfter   a node whose active-transaction publication is older than this counts as running
 *                     nothing (it is down or cut off from {@code control}); see docs/sql.md "Schema changes"
 * @param drainTimeout how long CREATE INDEX waits for transactions older than its WRITE_ONLY step
 * @param backfillRows rows per backfill transaction of CREATE INDEX
 * @param purgeKeys    keys deleted per transaction when the rows of a dropped table or index are purged
 * @param attempts     how often a DDL transaction is retried after a retryable conflict
 */
public record DdlSettings(Duration staleAfter, Duration drainTimeout, int backfillRows, int purgeKeys, int attempts) {
    public static final ConfigKey<Duration> STALE_AFTER = ConfigKey.duration("sql.ddl.stale-publication-after",
            Duration.ofSeconds(10),
            "a node that has not published its running transactions for this long is not waited for");
    public static final ConfigKey<Duration> DRAIN_TIMEOUT = ConfigKey.duration("sql.ddl.drain-timeout",
            Duration.ofSeconds(60),
            "how long CREATE INDEX waits for older transactions to finish");
    public static final ConfigKey<Integer> BACKFILL_ROWS = ConfigKey.integer("sql.ddl.backfill-rows", 500,
            "rows per CREATE INDEX backfill transaction");
    public static final ConfigKey<Integer> PURGE_KEYS = ConfigKey.integer("sql.ddl.purge-keys", 1000,
            "keys per transaction when a dropped table's rows are deleted");

    public DdlSettings {
        if (backfillRows < 1 || purgeKeys < 1 || attempts < 1) throw new IllegalArgumentException(
                "batch sizes and attempts must be positive");
    }

    public static DdlSettings from(Properties p) {
        return new DdlSettings(STALE_AFTER.get(p), DRAIN_TIMEOUT.get(p), BACKFILL_ROWS.get(p), PURGE_KEYS.get(p), 10);
    }

    public static DdlSettings defaults() {
        return from(new Properties());
    }
}
