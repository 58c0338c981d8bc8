package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.common.config.ConfigKey;

import java.util.Locale;
import java.util.Properties;

/**
 * Node-wide RocksDB sizing, read once when the node starts ({@link RocksEnvironment#create}).
 * Sizes accept a plain byte count or a binary unit: {@code 268435456}, {@code 256MiB}, {@code 1GiB}.
 *
 * <p>Memory: memtables are charged to the block cache, so {@code blockCacheBytes} bounds block cache
 * plus memtables of every store of the node together; {@code writeBufferBytes} is the memtable share
 * of it, and must be smaller.
 *
 * @param blockCacheBytes     capacity of the one LRU block cache of the node (memtables included)
 * @param writeBufferBytes    memtable memory of all stores together (write-buffer manager limit)
 * @param maxWalBytesPerStore WAL size per store after which RocksDB flushes the column families that
 *                            keep the oldest WAL alive (the small {@code meta} family is written by
 *                            every batch and would otherwise pin every WAL file)
 * @param backgroundJobs      flush and compaction threads; RocksDB's thread pool is process-wide
 */
public record RocksSettings(long blockCacheBytes, long writeBufferBytes, long maxWalBytesPerStore, int backgroundJobs) {

    private static final long MIB = 1L << 20;

    public static final ConfigKey<Long> BLOCK_CACHE_BYTES = bytesKey("storage.rocksdb.block-cache.bytes", 256 * MIB,
            "capacity of the node's shared RocksDB block cache, memtables included");
    public static final ConfigKey<Long> WRITE_BUFFER_BYTES = bytesKey("storage.rocksdb.write-buffer.bytes", 128 * MIB,
            "memtable memory of all shard replicas of the node together; below the block cache size");
    public static final ConfigKey<Long> MAX_WAL_BYTES_PER_STORE = bytesKey("storage.rocksdb.wal.max-bytes-per-store",
            64 * MIB, "WAL size of one shard replica that forces a flush of its oldest column families");
    public static final ConfigKey<Integer> BACKGROUND_JOBS = ConfigKey.integer("storage.rocksdb.background-jobs", 2,
            "RocksDB flush and compaction threads of the node");

    public RocksSettings {
        require(blockCacheBytes > 0, BLOCK_CACHE_BYTES, "must be positive");
        require(writeBufferBytes > 0 && writeBufferBytes < blockCacheBytes, WRITE_BUFFER_BYTES,
                "must be positive and below " + BLOCK_CACHE_BYTES.name() + " (" + blockCacheBytes + ")");
        require(maxWalBytesPerStore > 0, MAX_WAL_BYTES_PER_STORE, "must be positive");
        require(backgroundJobs > 0, BACKGROUND_JOBS, "must be positive");
    }

    public static RocksSettings defaults() {
        return from(new Properties());
    }

    public static RocksSettings from(Properties props) {
        return new RocksSettings(BLOCK_CACHE_BYTES.get(props), WRITE_BUFFER_BYTES.get(props),
                MAX_WAL_BYTES_PER_STORE.get(props), BACKGROUND_JOBS.get(props));
    }

    /** Parses {@code 1024}, {@code 64KiB}, {@code 256MiB}, {@code 1GiB} (units case-insensitive). */
    static long parseBytes(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit = 1;
        if (t.endsWith("kib")) unit = 1L << 10;
        else if (t.endsWith("mib")) unit = 1L << 20;
        else if (t.endsWith("gib")) unit = 1L << 30;
        String digits = unit == 1 ? t : t.substring(0, t.length() - 3).trim();
        return Math.multiplyExact(Long.parseLong(digits), unit);
    }

    private static ConfigKey<Long> bytesKey(String name, long def, String description) {
        return new ConfigKey<>(name, def, RocksSettings::parseBytes, description);
    }

    private static void require(boolean ok, ConfigKey<?> key, String rule) {
        if (!ok) throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "setting '" + key.name() + "' " + rule);
    }
}
