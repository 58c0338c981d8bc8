package io.shardsql.storage.rocksdb;

import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.ScanPage;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.WriteBatchWithIndex;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link MvccBatch} on a RocksDB {@link WriteBatchWithIndex}: writes are indexed as they are added,
 * so reads through the batch see them on top of the committed state, and {@link #commit()} writes
 * them all in one atomic RocksDB write (synced if the store was opened with {@code syncWrites}).
 * Once committed or closed the batch accepts nothing but {@link #close()}.
 */
public final class RocksMvccBatch implements MvccBatch {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final RocksHandles handles;
    private final MvccReads reads;
    private final WriteBatchWithIndex batch = new WriteBatchWithIndex(true);
    private State state = State.OPEN;

    RocksMvccBatch(RocksHandles handles, MvccReads reads) {
        this.handles = handles;
        this.reads = reads;
    }

    @Override
    public Optional<KvEntry> get(byte[] key, long readTs) {
        requireOpen();
        return handles.read("get", batch, view -> reads.get(view, key, readTs));
    }

    @Override
    public List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
        requireOpen();
        return handles.read("scan", batch, view -> reads.scan(view, start, end, readTs, limit));
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit) {
        requireOpen();
        return handles.read("scan", batch, view -> reads.scan(view, start, end, readTs, limit, filter, examineLimit));
    }

    @Override
    public Optional<Lock> lock(byte[] key) {
        requireOpen();
        return handles.read("lock", batch, view -> reads.lock(view, key));
    }

    @Override
    public List<LockEntry> scanLocks(byte[] start, byte[] end, int limit) {
        requireOpen();
        return handles.read("scanLocks", batch, view -> reads.scanLocks(view, start, end, limit));
    }

    @Override
    public long latestCommitTs(byte[] key) {
        requireOpen();
        return handles.read("latestCommitTs", batch, view -> reads.latestCommitTs(view, key));
    }

    /** @throws IllegalArgumentException if {@code commitTs} is not positive (0 means "no version") */
    @Override
    public void writeVersion(byte[] key, long commitTs, byte[] value) {
        if (commitTs <= 0) throw new IllegalArgumentException("commitTs must be positive: " + commitTs);
        put(handles.families.versions(), VersionKeys.encode(key, commitTs), VersionValues.encode(value));
    }

    @Override
    public void markGarbageCandidate(byte[] key) {
        put(handles.families.garbage(), Objects.requireNonNull(key, "key"), GarbageCollector.MARK);
    }

    @Override
    public void putLock(byte[] key, Lock lock) {
        put(handles.families.locks(), Objects.requireNonNull(key, "key"), LockCodec.encode(lock));
    }

    @Override
    public void removeLock(byte[] key) {
        Objects.requireNonNull(key, "key");
        requireOpen();
        handles.call("removeLock", () -> {
            batch.delete(handles.families.locks(), key);
            return null;
        });
    }

    @Override
    public void setAppliedIndex(long term, long index) {
        put(handles.families.meta(), MetaLayout.appliedIndexKey(), MetaLayout.encodeAppliedIndex(term, index));
    }

    @Override
    public void putMeta(String name, byte[] value) {
        put(handles.families.meta(), MetaLayout.namedKey(name), Objects.requireNonNull(value, "value").clone());
    }

    @Override
    public void deleteMeta(String name) {
        byte[] key = MetaLayout.namedKey(name);
        requireOpen();
        handles.call("deleteMeta", () -> {
            batch.delete(handles.families.meta(), key);
            return null;
        });
    }

    @Override
    public Optional<byte[]> meta(String name) {
        requireOpen();
        byte[] key = MetaLayout.namedKey(name);
        return Optional.ofNullable(handles.read("meta", batch, view -> view.get(handles.families.meta(), key)));
    }

    /** Writes the batch atomically and frees its memory; only {@link #close()} may follow. */
    @Override
    public void commit() {
        requireOpen();
        handles.write("commit", batch);
        state = State.COMMITTED;
        batch.close();
    }

    @Override
    public void close() {
        if (state == State.CLOSED) return;
        state = State.CLOSED;
        batch.close();
    }

    private void put(ColumnFamilyHandle family, byte[] key, byte[] value) {
        requireOpen();
        handles.call("write", () -> {
            batch.put(family, key, value);
            return null;
        });
    }

    private void requireOpen() {
        if (state != State.OPEN) throw new IllegalStateException("batch is " + state.name().toLowerCase());
    }

    @Override
    public byte[] firstChangedKey(byte[] start, byte[] end, long afterTs, long upToTs) {
        return handles.read("firstChangedKey", batch, view -> reads.firstChangedKey(view, start, end, afterTs, upToTs));
    }
}
