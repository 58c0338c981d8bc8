package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.Mutation;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnInfo;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.txn.TxnMode;
import io.shardsql.txn.TxnState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/** A transaction begun on this node: snapshot reads at its start timestamp, buffered writes. */
final class TransactionImpl implements Transaction {
    private final TransactionManagerImpl manager;
    private final long startTs;
    private final TxnMode mode;
    private final long beganNanos;
    private final WriteBuffer writes;
    private static final int REMEMBERED_READS = 4096;
    /** Snapshot reads done (or done ahead by {@link #prefetch}); a snapshot never changes, so they stay true. */
    private final TreeMap<byte[], Optional<byte[]>> prefetched = new TreeMap<>(Arrays::compareUnsigned);
    private volatile TxnState state = TxnState.ACTIVE;
    private volatile List<GroupName> participants = List.of();
    private volatile String holder = "";
    private final RowLocks rowLocks;
    private final TxnIsolation isolation;
    /**
     * What this transaction read, if it is a SERIALIZABLE read-write transaction (null otherwise: a read-only
     * one serializes at its start timestamp and is never validated).
     */
    private final ReadSet reads;

    TransactionImpl(TransactionManagerImpl manager, long startTs, TxnMode mode) {
        this(manager, startTs, mode, TxnIsolation.SNAPSHOT);
    }

    TransactionImpl(TransactionManagerImpl manager, long startTs, TxnMode mode, TxnIsolation isolation) {
        this.isolation = Objects.requireNonNull(isolation, "isolation");
        this.reads = isolation == TxnIsolation.SERIALIZABLE && mode == TxnMode.READ_WRITE
                ? new ReadSet(manager.cluster()::groupOf, ReadSet.MAX_SPANS) : null;
        this.manager = manager;
        this.startTs = startTs;
        this.mode = mode;
        this.beganNanos = manager.clock().nanoTime();
        this.writes = new WriteBuffer(manager.settings().writeBufferMemory());
        this.rowLocks = new RowLocks(this, manager);
    }

    /** Begins at {@code start}'s timestamp, knowing the value read with it if the oracle could tell. */
    TransactionImpl(TransactionManagerImpl manager, TimestampClient.Issued start, TxnMode mode,
                    TxnIsolation isolation) {
        this(manager, start.ts(), mode, isolation);
        if (start.read() != null) {
            prefetched.put(start.key(), Optional.ofNullable(start.read().entry()).map(KvEntry::value));
        }
    }

    @Override
    public long startTs() { return startTs; }

    @Override
    public TxnMode mode() { return mode; }

    @Override
    public TxnState state() { return state; }

    @Override
    public TxnIsolation isolation() { return isolation; }

    /** What this transaction read, to validate at commit; null unless it is SERIALIZABLE. */
    ReadSet reads() { return reads; }

    @Override
    public Optional<byte[]> get(byte[] key) {
        requireActive();
        if (writes.contains(key)) return Optional.ofNullable(writes.value(key)).map(byte[]::clone);
        if (reads != null) reads.addKey(key);
        Optional<byte[]> ahead = prefetched.get(key);
        if (ahead != null) return ahead.map(byte[]::clone);
        Optional<byte[]> read = manager.reader().get(key, startTs).map(KvEntry::value);
        // A snapshot never changes: the answer is kept for the next get of the key (a statement's catalog
        // version, a row read and then updated). Bounded, so a transaction of many point reads stays small.
        if (prefetched.size() < REMEMBERED_READS) prefetched.put(key.clone(), read.map(byte[]::clone));
        return read;
    }

    @Override
    public void prefetch(Collection<byte[]> keys) {
        requireActive();
        List<byte[]> wanted = new ArrayList<>();
        for (byte[] k : keys) if (!writes.contains(k) && !prefetched.containsKey(k)) wanted.add(k);
        if (wanted.size() < 2) return; // one key: the get itself is as fast
        List<Optional<KvEntry>> read = manager.reader().getAll(wanted, startTs);
        for (int i = 0; i < wanted.size(); i++) prefetched.put(wanted.get(i), read.get(i).map(KvEntry::value));
    }

    @Override
    public Iterator<KvEntry> scan(byte[] start, byte[] end) {
        return scan(start, end, null);
    }

    @Override
    public Iterator<KvEntry> scan(byte[] start, byte[] end, byte[] filter) {
        requireActive();
        Objects.requireNonNull(start, "start");
        Iterator<KvEntry> scan = new MergedScan(manager.reader(), start, end, startTs, writes.range(start, end),
                filter);
        return reads == null ? scan : reads.recording(scan, start, end);
    }

    @Override
    public Optional<Iterator<KvEntry>> scanFolded(byte[] start, byte[] end, byte[] program) {
        requireActive();
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(program, "program");
        if (writes.range(start, end).hasNext()) return Optional.empty();
        if (reads != null) reads.addRange(start, end); // every row of the range is read, whatever comes back
        return Optional.of(new MergedScan(manager.reader(), start, end, startTs, Collections.emptyIterator(), program));
    }

    @Override
    public void setHolder(String holder) {
        this.holder = Objects.requireNonNull(holder, "holder");
    }

    String holder() { return holder; }

    @Override
    public void startStatement() {
        writes.startStatement();
    }

    @Override
    public void endStatement() {
        writes.endStatement();
    }

    @Override
    public List<byte[]> lockRows(List<byte[]> keys, Lock.Mode mode, RowLockWait wait) {
        requireActive();
        if (this.mode == TxnMode.READ_ONLY) {
            throw new ShardSqlException(ErrorCode.READ_ONLY_TRANSACTION, "cannot lock rows in a read-only transaction");
        }
        return rowLocks.lock(keys, Objects.requireNonNull(mode, "mode"), Objects.requireNonNull(wait, "wait"));
    }

    @Override
    public void put(byte[] key, byte[] value) {
        requireWritable();
        writes.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
    }

    @Override
    public void insert(byte[] key, byte[] value) {
        requireWritable();
        Objects.requireNonNull(value, "value");
        if (writes.contains(key)) {
            if (writes.value(key) != null) throw new KeyExistsException(key);
            writes.put(key, value); // its own delete went before: the key is free in this transaction
            return;
        }
        Optional<byte[]> known = prefetched.get(key);
        if (known != null && known.isPresent()) throw new KeyExistsException(key);
        if (known != null) writes.put(key, value); // read as absent at the snapshot: nothing to check
        else writes.insert(key, value);
    }

    @Override
    public void delete(byte[] key) {
        requireWritable();
        writes.delete(Objects.requireNonNull(key, "key"));
    }

    /**
     * Commits; then releases the row locks (with the commit timestamp: a key both locked and written becomes
     * its version either way), or after an abort removes them. An unknown outcome leaves them to recovery.
     */
    @Override
    public long commit() {
        requireActive();
        try {
            if (writes.isEmpty()) {
                moveTo(TxnState.COMMITTED);
                rowLocks.release(0); // nothing written: the locks only go
                return startTs;
            }
            Map<GroupName, List<Mutation>> byGroup = writes.byGroup(manager.cluster()::groupOf);
            java.util.Set<GroupName> parts = new java.util.TreeSet<>(byGroup.keySet());
            parts.addAll(rowLocks.shards());
            participants = List.copyOf(parts);
            long commitTs = manager.protocol().commit(this, byGroup, rowLocks.shards());
            rowLocks.release(commitTs);
            return commitTs;
        } catch (RuntimeException e) {
            if (state == TxnState.ABORTED) rowLocks.release(0);
            throw e;
        } finally {
            rowLocks.close();
            manager.finished(this);
        }
    }

    @Override
    public void rollback() {
        if (state != TxnState.ACTIVE) return;
        moveTo(TxnState.ABORTED);
        rowLocks.release(0);
        rowLocks.close();
        manager.finished(this);
    }

    /** The coordinator group that decides this transaction if it touches several shards. */
    int coordinator() {
        return Math.floorMod(Long.hashCode(startTs * 0x9E3779B97F4A7C15L), manager.cluster().coordinatorCount());
    }

    long ageMillis() { return (manager.clock().nanoTime() - beganNanos) / 1_000_000; }

    synchronized void moveTo(TxnState target) {
        if (!state.canMoveTo(target)) {
            throw new ShardSqlException(ErrorCode.INTERNAL, "transaction " + startTs + " cannot go from " + state
                    + " to " + target);
        }
        state = target;
    }

    TxnInfo info() {
        List<GroupName> parts = participants;
        String coord = parts.size() > 1 ? GroupName.coord(coordinator()).toString() : null;
        return new TxnInfo(startTs, mode, state, ageMillis(), parts.stream().map(GroupName::toString).toList(), coord,
                writes.size(), holder);
    }

    private void requireActive() {
        TxnState s = state;
        if (s != TxnState.ACTIVE) {
            throw new ShardSqlException(ErrorCode.TXN_STATE, "transaction " + startTs + " is " + s.name().toLowerCase()
                    + "; begin a new one");
        }
    }

    private void requireWritable() {
        requireActive();
        if (mode == TxnMode.READ_ONLY) {
            throw new ShardSqlException(ErrorCode.READ_ONLY_TRANSACTION, "cannot write in a read-only transaction");
        }
    }
}
