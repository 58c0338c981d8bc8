package io.shardsql.storage.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBufferManager;

import java.util.List;

/**
 * The options every store of a node opens with, built once by {@link RocksEnvironment} (RocksDB copies
 * them at open; the cache and write-buffer manager they point to are shared by reference).
 *
 * <ul>
 *   <li>Database: paranoid checks; point-in-time WAL recovery (a torn WAL tail after a crash is cut
 *       off, never skipped over; Raft replays from the applied index); WAL on for every write, so a
 *       batch's column families stay consistent without atomic flush; SSD-friendly 1 MiB
 *       {@code bytes_per_sync}; short info logs, since a node has many stores.</li>
 *   <li>{@code versions}: 16 KiB blocks, LZ4, ZSTD at the bottom level, index blocks in the shared
 *       cache. No bloom filter: reads seek (newest version {@code <= readTs}) rather than get exact
 *       keys, and the variable-length key prefix fits no built-in prefix extractor (see
 *       {@link VersionKeys}).</li>
 *   <li>{@code locks}: whole-key bloom filters in SST files and the memtable, since every read checks
 *       a key for a lock and nearly all keys have none.</li>
 *   <li>{@code meta}: a handful of small values.</li>
 *   <li>{@code garbage-candidates}: user keys with empty values, read in order by the collector.</li>
 * </ul>
 */
final class SharedOptions implements AutoCloseable {
    private static final long KIB = 1L << 10;
    private static final long MIB = 1L << 20;
    private static final double BLOOM_BITS_PER_KEY = 10;

    private final BloomFilter lockFilter = new BloomFilter(BLOOM_BITS_PER_KEY);
    final DBOptions db;
    final ColumnFamilyOptions versions;
    final ColumnFamilyOptions locks;
    final ColumnFamilyOptions meta;
    final ColumnFamilyOptions garbage;

    SharedOptions(RocksSettings settings, Cache cache, WriteBufferManager writeBufferManager) {
        db = dbOptions(settings, writeBufferManager);
        versions = new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache).setBlockSize(16 * KIB))
                .setWriteBufferSize(32 * MIB)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setLevelCompactionDynamicLevelBytes(true);
        locks = new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache).setFilterPolicy(lockFilter).setWholeKeyFiltering(true))
                .setWriteBufferSize(8 * MIB)
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(0.1)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
        meta = new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache))
                .setWriteBufferSize(2 * MIB);
        garbage = new ColumnFamilyOptions()
                .setTableFormatConfig(table(cache))
                .setWriteBufferSize(4 * MIB)
                .setCompressionType(CompressionType.LZ4_COMPRESSION);
    }

    /** The column families in {@link ColumnFamilies} order, for {@code RocksDB.open}. */
    List<ColumnFamilyDescriptor> descriptors() {
        return List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, meta),
                new ColumnFamilyDescriptor(ColumnFamilies.VERSIONS, versions),
                new ColumnFamilyDescriptor(ColumnFamilies.LOCKS, locks),
                new ColumnFamilyDescriptor(ColumnFamilies.META, meta),
                new ColumnFamilyDescriptor(ColumnFamilies.GARBAGE, garbage));
    }

    private static DBOptions dbOptions(RocksSettings settings, WriteBufferManager writeBufferManager) {
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setParanoidChecks(true)
                .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
                .setWriteBufferManager(writeBufferManager)
                .setMaxTotalWalSize(settings.maxWalBytesPerStore())
                .setMaxBackgroundJobs(settings.backgroundJobs())
                .setBytesPerSync(MIB)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(8 * MIB);
    }

    private static BlockBasedTableConfig table(Cache cache) {
        return new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
    }

    @Override
    public void close() {
        garbage.close();
        meta.close();
        locks.close();
        versions.close();
        db.close();
        lockFilter.close();
    }
}
