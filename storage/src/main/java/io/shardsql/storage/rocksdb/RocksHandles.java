package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteBatchWithIndex;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One open RocksDB instance of a store with its column families and per-store options. Every use of
 * a native handle goes through {@link #call}, which keeps it from racing {@link #close()} and turns
 * {@link RocksDBException} into {@link ShardSqlException} ({@link RocksErrors}).
 */
final class RocksHandles implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksHandles.class);

    /** A piece of work on the native handles. */
    @FunctionalInterface
    interface RocksCall<T> {
        T run() throws RocksDBException;
    }

    /** A read on a {@link ReadView}. */
    @FunctionalInterface
    interface ViewRead<T> {
        T read(ReadView view) throws RocksDBException;
    }

    final Path dir;
    final RocksDB db;
    final ColumnFamilies families;
    private final RocksEnvironment env;
    private final WriteOptions writeOptions;
    private final ReadOptions readOptions = new ReadOptions();
    private final CloseGuard guard;

    private RocksHandles(Path dir, RocksDB db, ColumnFamilies families, RocksEnvironment env, boolean syncWrites) {
        this.dir = dir;
        this.db = db;
        this.families = families;
        this.env = env;
        this.writeOptions = new WriteOptions().setSync(syncWrites);
        this.guard = new CloseGuard("store " + dir);
    }

    static RocksHandles open(Path dir, RocksEnvironment env, boolean syncWrites) {
        SharedOptions options = env.acquire();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            RocksDB db = RocksDB.open(options.db, dir.toString(), options.descriptors(), handles);
            return new RocksHandles(dir, db, ColumnFamilies.of(handles), env, syncWrites);
        } catch (RocksDBException e) {
            env.release();
            handles.forEach(ColumnFamilyHandle::close);
            throw RocksErrors.map(dir, "open", e);
        } catch (IOException | RuntimeException e) {
            env.release();
            handles.forEach(ColumnFamilyHandle::close);
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "store " + dir + ": open failed: " + e, e);
        }
    }

    /**
     * Opens the store in {@code dir} read-only: nothing in the directory is created or changed (the info
     * log goes to a directory under {@code java.io.tmpdir}); every write fails.
     */
    static RocksHandles openReadOnly(Path dir, RocksEnvironment env) {
        if (!Files.isRegularFile(dir.resolve("CURRENT"))) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "store " + dir + ": no RocksDB store there");
        }
        SharedOptions options = env.acquire();
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (DBOptions db = new DBOptions(options.db)) {
            Path logs = Files.createDirectories(
                    Path.of(System.getProperty("java.io.tmpdir"), "shardsql-read-only-logs"));
            db.setCreateIfMissing(false).setCreateMissingColumnFamilies(false).setDbLogDir(logs.toString());
            RocksDB rdb = RocksDB.openReadOnly(db, dir.toString(), options.descriptors(), handles);
            return new RocksHandles(dir, rdb, ColumnFamilies.of(handles), env, false);
        } catch (RocksDBException e) {
            env.release();
            handles.forEach(ColumnFamilyHandle::close);
            throw RocksErrors.map(dir, "open read-only", e);
        } catch (IOException | RuntimeException e) {
            env.release();
            handles.forEach(ColumnFamilyHandle::close);
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "store " + dir + ": open read-only failed: " + e, e);
        }
    }

    <T> T call(String operation, RocksCall<T> work) {
        guard.enter();
        try {
            return work.run();
        } catch (RocksDBException e) {
            throw RocksErrors.map(dir, operation, e);
        } finally {
            guard.leave();
        }
    }

    /** Runs {@code read} on a fresh snapshot, overlaid with {@code batch}'s writes unless it is {@code null}. */
    <T> T read(String operation, WriteBatchWithIndex batch, ViewRead<T> read) {
        return call(operation, () -> {
            try (ReadView view = new ReadView(db, batch)) {
                return read.read(view);
            }
        });
    }

    /** The latest committed value of {@code key} in {@code family}, or {@code null}. */
    byte[] get(String operation, ColumnFamilyHandle family, byte[] key) {
        return call(operation, () -> db.get(family, readOptions, key));
    }

    void write(String operation, WriteBatchWithIndex batch) {
        call(operation, () -> {
            db.write(writeOptions, batch);
            return null;
        });
    }

    /** Writes {@code batch} directly; the caller holds {@link #call} already. */
    void writeUnguarded(WriteBatch batch) throws RocksDBException {
        db.write(writeOptions, batch);
    }

    /** Moves every memtable into SST files and waits for it. */
    void flush() {
        call("flush", () -> {
            try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
                db.flush(options, families.all());
            }
            return null;
        });
    }

    @Override
    public void close() {
        if (!guard.close()) return;
        families.close();
        try {
            db.closeE();
        } catch (RocksDBException e) {
            LOG.warn("store {}: close reported {}", dir, e.getMessage());
        }
        readOptions.close();
        writeOptions.close();
        env.release();
    }
}
