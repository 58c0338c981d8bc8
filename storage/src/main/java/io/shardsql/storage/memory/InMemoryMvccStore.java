package io.shardsql.storage.memory;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.ScanPage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An {@link MvccStore} in memory, with the RocksDB store's semantics (both pass
 * {@code MvccStoreContractTest}): reads see a consistent state under a read lock, a batch commits
 * under the write lock, garbage collection visits only the keys marked as candidates.
 *
 * <p>{@link #create()} makes a store that lives only in memory. {@link #open(Path)} keeps the store in
 * a directory: its state is loaded from the directory's {@link StoreFile} if there is one and written
 * back there on {@link #close()} — durable across a clean close, not across a crash (a replica replays
 * its Raft log over what it finds). {@link #checkpoint} writes the same file into a new directory,
 * which {@link #open(Path)} opens. Thread-safe.
 */
public final class InMemoryMvccStore implements MvccStore {
    private final Path dir;
    private final MemoryState state;
    private final CommittedSource committed;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final boolean readOnly;
    private boolean closed;

    private InMemoryMvccStore(Path dir, MemoryState state, boolean readOnly) {
        this.dir = dir;
        this.state = state;
        this.readOnly = readOnly;
        this.committed = new CommittedSource(state);
    }

    /** A store that lives in memory only: nothing is written anywhere, even on close. */
    public static InMemoryMvccStore create() {
        return new InMemoryMvccStore(null, new MemoryState(), false);
    }

    /**
     * Opens the store kept in {@code dir} (a checkpoint's directory too), creating the directory if it
     * does not exist.
     *
     * @throws ShardSqlException {@link ErrorCode#STORAGE_CORRUPTED} if the store file is damaged,
     *                           {@link ErrorCode#STORAGE_FAILURE} if it cannot be read
     */
    public static InMemoryMvccStore open(Path dir) {
        Path file = dir.resolve(StoreFile.NAME);
        if (Files.exists(file)) return new InMemoryMvccStore(dir, StoreFile.read(file), false);
        createDirectories(dir);
        return new InMemoryMvccStore(dir, new MemoryState(), false);
    }

    /**
     * Opens the store kept in {@code dir} for reading only: nothing in the directory is created or
     * written, not even on {@link #close()}, and {@link #newBatch()} is refused (a backup's part is
     * verified this way without changing a byte of it).
     *
     * @throws ShardSqlException {@link ErrorCode#STORAGE_CORRUPTED} if the store file is damaged or missing
     */
    public static InMemoryMvccStore openReadOnly(Path dir) {
        Path file = dir.resolve(StoreFile.NAME);
        if (!Files.isRegularFile(file)) {
            throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "no store file in " + dir);
        }
        return new InMemoryMvccStore(dir, StoreFile.read(file), true);
    }

    /** The directory the store is kept in, if any. */
    public Optional<Path> directory() {
        return Optional.ofNullable(dir);
    }

    @Override
    public Optional<KvEntry> get(byte[] key, long readTs) {
        return read(() -> MemoryReads.get(committed, key, readTs));
    }

    @Override
    public List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit) {
        return read(() -> MemoryReads.scan(committed, start, end, readTs, limit));
    }

    @Override
    public ScanPage scan(byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit) {
        return read(() -> MemoryReads.scan(committed, start, end, readTs, limit, filter, examineLimit));
    }

    @Override
    public Optional<Lock> lock(byte[] key) {
        return read(() -> MemoryReads.lock(committed, key));
    }

    @Override
    public List<LockEntry> scanLocks(byte[] start, byte[] end, int limit) {
        return read(() -> MemoryReads.scanLocks(committed, start, end, limit));
    }

    @Override
    public long latestCommitTs(byte[] key) {
        return read(() -> MemoryReads.latestCommitTs(committed, key));
    }

    @Override
    public MvccBatch newBatch() {
        if (readOnly) throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, this + " is open read-only");
        return read(() -> new InMemoryMvccBatch(this, committed));
    }

    @Override
    public AppliedIndex appliedIndex() {
        return read(() -> state.applied);
    }

    @Override
    public Optional<byte[]> meta(String name) {
        return read(() -> Optional.ofNullable(state.meta.get(name)).map(byte[]::clone));
    }

    @Override
    public SortedMap<String, byte[]> metaScan(String prefix, String after, int limit) {
        return read(() -> {
            SortedMap<String, byte[]> out = new TreeMap<>();
            boolean resume = after != null && after.compareTo(prefix) >= 0;
            for (Map.Entry<String, byte[]> e : state.meta.tailMap(resume ? after : prefix, !resume).entrySet()) {
                if (out.size() >= limit || !e.getKey().startsWith(prefix)) break;
                out.put(e.getKey(), e.getValue().clone());
            }
            return out;
        });
    }

    @Override
    public GarbageStep collectGarbage(long safePointTs, byte[] fromKey, int maxKeys) {
        return write(() -> {
            long removed = 0;
            int visited = 0;
            for (Iterator<byte[]> it = state.candidates.tailSet(fromKey, true).iterator(); it.hasNext(); ) {
                byte[] key = it.next();
                if (visited++ == maxKeys) return new GarbageStep(removed, key.clone());
                NavigableMap<Long, byte[]> versions = state.versions.get(key);
                boolean mayHoldMore = false;
                if (versions != null) {
                    KeyOutcome outcome = collectKey(versions, safePointTs);
                    removed += outcome.removed();
                    mayHoldMore = outcome.mayHoldMore();
                    if (versions.isEmpty()) state.versions.remove(key);
                }
                if (!mayHoldMore && !state.locks.containsKey(key)) it.remove();
            }
            return new GarbageStep(removed, null);
        });
    }

    /** What collecting one key did: versions removed, and whether versions it may collect later are left. */
    private record KeyOutcome(long removed, boolean mayHoldMore) {}

    /**
     * Removes every version older than the newest at or below the safe point, and that one too if it
     * is a delete (the rule of the RocksDB store's collector).
     */
    private static KeyOutcome collectKey(NavigableMap<Long, byte[]> newestFirst, long safePointTs) {
        long removed = 0;
        int left = 0;
        boolean deleteLeft = false;
        boolean reachedSafePoint = false;
        for (Iterator<Map.Entry<Long, byte[]>> it = newestFirst.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, byte[]> v = it.next();
            boolean delete = v.getValue() == null;
            if (reachedSafePoint || (v.getKey() <= safePointTs && delete)) {
                it.remove();
                removed++;
            } else {
                left++;
                deleteLeft |= delete;
            }
            reachedSafePoint |= v.getKey() <= safePointTs;
        }
        return new KeyOutcome(removed, left > 1 || deleteLeft);
    }

    @Override
    public long dropVersionsFrom(long ts) {
        if (readOnly) throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, this + " is open read-only");
        return write(() -> {
            long removed = 0;
            for (Iterator<NavigableMap<Long, byte[]>> it = state.versions.values().iterator(); it.hasNext(); ) {
                NavigableMap<Long, byte[]> newestFirst = it.next();
                SortedMap<Long, byte[]> dropped = newestFirst.headMap(ts, true); // newest first: ts and above
                removed += dropped.size();
                dropped.clear();
                if (newestFirst.isEmpty()) it.remove();
            }
            return removed;
        });
    }

    @Override
    public void flush() {
        // Everything is in memory already; a checkpoint writes it out whole.
    }

    /** Writes the committed state into the new directory {@code target}, as {@link #open} reads it. */
    @Override
    public void checkpoint(Path target) {
        if (Files.exists(target)) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "checkpoint target " + target + " already exists");
        }
        read(() -> {
            createDirectories(target);
            StoreFile.write(state, target.resolve(StoreFile.NAME));
            return null;
        });
    }

    @Override
    public long approximateSizeBytes() {
        return read(state::approximateBytes);
    }

    /** Memory holds no checksums; the store file in the directory, if there is one, is read through and checked. */
    @Override
    public void verifyChecksums() {
        read(() -> {
            if (dir != null && Files.exists(dir.resolve(StoreFile.NAME))) StoreFile.verify(dir.resolve(StoreFile.NAME));
            return null;
        });
    }

    /** Writes the state to the store's directory (if it has one); later calls do nothing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            if (dir != null && !readOnly) StoreFile.write(state, dir.resolve(StoreFile.NAME));
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "InMemoryMvccStore[" + (dir == null ? "memory" : dir) + "]";
    }

    /** Applies a batch's writes at once. */
    void commit(BatchSource writes) {
        write(() -> {
            writes.versions.forEach((key, versions) ->
                    state.versions.computeIfAbsent(key, k -> MemoryState.newVersions()).putAll(versions));
            state.candidates.addAll(writes.marks);
            writes.locks.forEach((key, l) -> {
                if (l.isPresent()) state.locks.put(key, l.get());
                else state.locks.remove(key);
            });
            writes.meta.forEach((name, v) -> {
                if (v.isPresent()) state.meta.put(name, v.get());
                else state.meta.remove(name);
            });
            if (writes.appliedIndex != null) state.applied = new AppliedIndex(writes.appliedIndex[0],
                    writes.appliedIndex[1]);
            return null;
        });
    }

    <T> T read(Supplier<T> body) {
        lock.readLock().lock();
        try {
            requireOpen();
            return body.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T write(Supplier<T> body) {
        lock.writeLock().lock();
        try {
            requireOpen();
            return body.get();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireOpen() {
        if (closed) throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, this + " is closed");
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ShardSqlException(ErrorCode.STORAGE_FAILURE, "cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public byte[] firstChangedKey(byte[] start, byte[] end, long afterTs, long upToTs) {
        return read(() -> MemoryReads.firstChangedKey(committed, start, end, afterTs, upToTs));
    }
}
