package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RocksDB resources a node shares between all its stores, so that memory stays bounded however
 * many shard replicas the node hosts: one LRU block cache, one write-buffer manager whose memtables
 * are charged to that cache, and one set of options ({@link SharedOptions}). Create one per node,
 * open every {@link RocksMvccStore} with it, and close it after the last store.
 *
 * <pre>
 *   RocksEnvironment --+-- LRUCache (blockCacheBytes) <-- charged by -- WriteBufferManager (writeBufferBytes)
 *                      +-- SharedOptions -- opens --> RocksMvccStore 1..n (one RocksDB each)
 * </pre>
 *
 * Thread-safe.
 */
public final class RocksEnvironment implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksEnvironment.class);

    static {
        RocksDB.loadLibrary();
    }

    private final RocksSettings settings;
    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final SharedOptions options;
    private int openStores;
    private boolean closed;

    private RocksEnvironment(RocksSettings settings) {
        this.settings = settings;
        this.blockCache = new LRUCache(settings.blockCacheBytes());
        this.writeBufferManager = new WriteBufferManager(settings.writeBufferBytes(), blockCache);
        this.options = new SharedOptions(settings, blockCache, writeBufferManager);
    }

    public static RocksEnvironment create(RocksSettings settings) {
        RocksEnvironment env = new RocksEnvironment(settings);
        LOG.info("RocksDB {} environment: {}", RocksDB.rocksdbVersion(), settings);
        return env;
    }

    public RocksSettings settings() {
        return settings;
    }

    /** Bytes held in the shared cache, memtable reservations included. */
    public synchronized long blockCacheUsageBytes() {
        requireOpen();
        return blockCache.getUsage();
    }

    /** How many stores are open on this environment. */
    public synchronized int openStores() {
        return openStores;
    }

    /** Registers a store being opened and hands it the shared options. */
    synchronized SharedOptions acquire() {
        requireOpen();
        openStores++;
        return options;
    }

    /** A store opened with {@link #acquire()} has closed (or failed to open). */
    synchronized void release() {
        openStores--;
    }

    /**
     * Frees the shared resources. Stores still open keep working (RocksDB holds its own references
     * to the cache and write-buffer manager), but that is a shutdown-order bug and is logged.
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (openStores > 0) LOG.warn("closing the RocksDB environment while {} store(s) are still open", openStores);
        options.close();
        writeBufferManager.close();
        blockCache.close();
    }

    private void requireOpen() {
        if (closed) throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "the RocksDB environment is closed");
    }
}
