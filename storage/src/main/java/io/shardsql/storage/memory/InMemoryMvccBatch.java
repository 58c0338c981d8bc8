package io.shardsql.storage.memory;

import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.ScanPage;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An {@link MvccBatch} of an {@link InMemoryMvccStore}: its writes are kept beside the committed state
 * ({@link BatchSource}), reads through the batch see both, and {@link #commit()} applies them all at
 * once under the store's write lock. Once committed or closed the batch accepts nothing but
 * {@link #close()}.
 */
final class InMemoryMvccBatch implements MvccBatch {
    private enum State { OPEN, COMMITTED, CLOSED }

    private final InMemoryMvccStore store;
    private final BatchSource writes;
    private State state = State.OPEN;

    InMemoryMvccBatch(InMemoryMvccStore store, Source committed) {
        this.store = store;
        this.writes = new BatchSource(committed);
    }

    @Override
    public Optional<KvEntry> get(byte[] key, long readTs) {
        requireOpen();
        return store.read(() -> MemoryReads.get(writes, key, readTs));
    }

    @Override
    public List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
        requireOpen();
        return store.read(() -> MemoryReads.scan(writes, start, end, readTs, limit));
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit) {
        requireOpen();
        return store.read(() -> MemoryReads.scan(writes, start, end, readTs, limit, filter, examineLimit));
    }

    @Override
    public Optional<Lock> lock(byte[] key) {
        requireOpen();
        return store.read(() -> MemoryReads.lock(writes, key));
    }

    @Override
    public List<LockEntry> scanLocks(byte[] start, byte[] end, int limit) {
        requireOpen();
        return store.read(() -> MemoryReads.scanLocks(writes, start, end, limit));
    }

    @Override
    public long latestCommitTs(byte[] key) {
        requireOpen();
        return store.read(() -> MemoryReads.latestCommitTs(writes, key));
    }

    /** @throws IllegalArgumentException if {@code commitTs} is not positive (0 means "no version") */
    @Override
    public void writeVersion(byte[] key, long commitTs, byte[] value) {
        requireOpen();
        if (commitTs <= 0) throw new IllegalArgumentException("commitTs must be positive: " + commitTs);
        writes.versions.computeIfAbsent(key.clone(), k -> MemoryState.newVersions()).put(commitTs, value == null
                ? null : value.clone());
    }

    @Override
    public void markGarbageCandidate(byte[] key) {
        requireOpen();
        writes.marks.add(Objects.requireNonNull(key, "key").clone());
    }

    @Override
    public void putLock(byte[] key, Lock lock) {
        requireOpen();
        Objects.requireNonNull(lock, "lock");
        List<Lock> holders = new java.util.ArrayList<>();
        for (Lock h : lock.holders()) {
            holders.add(new Lock(h.startTs(), h.owner().clone(), h.value() == null ? null : h.value().clone(),
                    h.ttlMillis(), h.mode(), List.of()));
        }
        Lock copy = Lock.of(holders).orElseThrow();
        writes.locks.put(Objects.requireNonNull(key, "key").clone(), Optional.of(copy));
    }

    @Override
    public void removeLock(byte[] key) {
        requireOpen();
        writes.locks.put(Objects.requireNonNull(key, "key").clone(), Optional.empty());
    }

    @Override
    public void setAppliedIndex(long term, long index) {
        requireOpen();
        writes.appliedIndex = new long[] {term, index};
    }

    @Override
    public void putMeta(String name, byte[] value) {
        requireOpen();
        writes.meta.put(Objects.requireNonNull(name, "name"), Optional.of(Objects.requireNonNull(value,
                "value").clone()));
    }

    @Override
    public void deleteMeta(String name) {
        requireOpen();
        writes.meta.put(Objects.requireNonNull(name, "name"), Optional.empty());
    }

    @Override
    public Optional<byte[]> meta(String name) {
        requireOpen();
        return store.read(() -> Optional.ofNullable(writes.meta(name)).map(byte[]::clone));
    }

    /** Applies the batch atomically; only {@link #close()} may follow. */
    @Override
    public void commit() {
        requireOpen();
        store.commit(writes);
        state = State.COMMITTED;
    }

    @Override
    public void close() {
        state = State.CLOSED;
    }

    private void requireOpen() {
        if (state != State.OPEN) throw new IllegalStateException("batch is " + state.name().toLowerCase());
    }

    @Override
    public byte[] firstChangedKey(byte[] start, byte[] end, long afterTs, long upToTs) {
        return store.read(() -> MemoryReads.firstChangedKey(writes, start, end, afterTs, upToTs));
    }
}
