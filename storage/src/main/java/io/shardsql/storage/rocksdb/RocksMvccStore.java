package io.shardsql.storage.rocksdb;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.ScanPage;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import org.rocksdb.Checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An {@link MvccStore} on one RocksDB instance: one per shard replica, in its own directory, sharing
 * the node's {@link RocksEnvironment}. Column families and byte layouts are described in the
 * {@linkplain io.shardsql.storage.rocksdb package documentation}.
 *
 * <p>Every read runs on its own RocksDB snapshot, so lock checks and versions agree. Writes go
 * through {@link #newBatch()}; the applied Raft index is written in the same batch as the data, so the
 * two agree after a crash too. Thread-safe; {@link #close()} waits for running operations.
 */
public final class RocksMvccStore implements MvccStore {
    private static final String SST_BYTES = "rocksdb.total-sst-files-size";
    private static final String MEMTABLE_BYTES = "rocksdb.size-all-mem-tables";

    private final RocksHandles handles;
    private final MvccReads reads;

    private RocksMvccStore(RocksHandles handles) {
        this.handles = handles;
        this.reads = new MvccReads(handles.families);
    }

    /**
     * Opens the store in {@code dir}, creating it if needed.
     *
     * @param syncWrites whether a commit waits for fsync of the RocksDB WAL: {@code false} for shard
     *                   replicas (the Raft log is fsync'd and replays what a crash lost), {@code true}
     *                   where RocksDB alone must be durable
     * @throws ShardSqlException {@link ErrorCode#STORAGE_CORRUPTED} if the files are corrupted,
     *                           {@link ErrorCode#STORAGE_FAILURE} for other errors
     */
    public static RocksMvccStore open(Path dir, RocksEnvironment env, boolean syncWrites) {
        boolean created = !Files.exists(dir.resolve("CURRENT"));
        RocksHandles handles = RocksHandles.open(dir, env, syncWrites);
        if (created) {
            try {
                handles.call("open", () -> {
                    GarbageCollector.markCandidatesComplete(handles);
                    return null;
                });
            } catch (RuntimeException e) {
                handles.close();
                throw e;
            }
        }
        return new RocksMvccStore(handles);
    }

    /**
     * Opens the store in {@code dir} for reading only, changing nothing in the directory (a backup's
     * part is verified this way: a read-write open would write files and break its checksums).
     *
     * @throws ShardSqlException {@link ErrorCode#STORAGE_CORRUPTED} if there is no store or it is damaged
     */
    public static RocksMvccStore openReadOnly(Path dir, RocksEnvironment env) {
        return new RocksMvccStore(RocksHandles.openReadOnly(dir, env));
    }

    public Path directory() {
        return handles.dir;
    }

    @Override
    public Optional<KvEntry> get(byte[] key, long readTs) {
        return handles.read("get", null, view -> reads.get(view, key, readTs));
    }

    @Override
    public List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
        return handles.read("scan", null, view -> reads.scan(view, start, end, readTs, limit));
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit) {
        return handles.read("scan", null, view -> reads.scan(view, start, end, readTs, limit, filter, examineLimit));
    }

    @Override
    public long countLive(byte[] start, byte[] end, long readTs) {
        return handles.read("countLive", null, view -> reads.countLive(view, start, end, readTs));
    }

    @Override
    public Optional<Lock> lock(byte[] key) {
        return handles.read("lock", null, view -> reads.lock(view, key));
    }

    @Override
    public List<LockEntry> scanLocks(byte[] start, byte[] end, int limit) {
        return handles.read("scanLocks", null, view -> reads.scanLocks(view, start, end, limit));
    }

    @Override
    public SortedMap<String, byte[]> metaScan(String prefix, String after, int limit) {
        return handles.read("metaScan", null,
                view -> reads.metaScan(view, handles.families.meta(), prefix, after, limit));
    }

    @Override
    public long latestCommitTs(byte[] key) {
        return handles.read("latestCommitTs", null, view -> reads.latestCommitTs(view, key));
    }

    @Override
    public MvccBatch newBatch() {
        return handles.call("newBatch", () -> new RocksMvccBatch(handles, reads));
    }

    @Override
    public AppliedIndex appliedIndex() {
        return MetaLayout.decodeAppliedIndex(handles.get("appliedIndex", handles.families.meta(),
                MetaLayout.appliedIndexKey()));
    }

    @Override
    public Optional<byte[]> meta(String name) {
        return Optional.ofNullable(handles.get("meta", handles.families.meta(), MetaLayout.namedKey(name)));
    }

    @Override
    public GarbageStep collectGarbage(long safePointTs, byte[] fromKey, int maxKeys) {
        return handles.read("collectGarbage", null,
                view -> new GarbageCollector(handles).collect(view, safePointTs, fromKey, maxKeys));
    }

    @Override
    public long dropVersionsFrom(long ts) {
        return handles.read("dropVersionsFrom", null, view -> new GarbageCollector(handles).dropFrom(view, ts));
    }

    /** Call it where no batch commits concurrently (the Raft apply thread), so the copy is exact. */
    @Override
    public void checkpoint(Path target) {
        if (Files.exists(target)) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "checkpoint target " + target + " already exists");
        }
        createParent(target);
        handles.call("checkpoint", () -> {
            try (Checkpoint checkpoint = Checkpoint.create(handles.db)) {
                checkpoint.createCheckpoint(target.toString());
            }
            return null;
        });
    }

    /** SST files plus memtables of all column families. */
    @Override
    public long approximateSizeBytes() {
        return handles.call("approximateSizeBytes", () ->
                handles.db.getAggregatedLongProperty(SST_BYTES) + handles.db.getAggregatedLongProperty(MEMTABLE_BYTES));
    }

    @Override
    public void verifyChecksums() {
        handles.call("verifyChecksums", () -> {
            handles.db.verifyChecksum();
            return null;
        });
    }

    /** Moves every column family's memtable into SST files and waits; writes go on into new memtables. */
    @Override
    public void flush() {
        handles.flush();
    }

    @Override
    public void close() {
        handles.close();
    }

    @Override
    public String toString() {
        return "RocksMvccStore[" + handles.dir + "]";
    }

    private static void createParent(Path target) {
        Path parent = target.toAbsolutePath().getParent();
        try {
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "cannot create " + parent + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public byte[] firstChangedKey(byte[] start, byte[] end, long afterTs, long upToTs) {
        return handles.read("firstChangedKey", null, view -> reads.firstChangedKey(view, start, end, afterTs, upToTs));
    }
}
