package io.shardsql.txn;

import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * One transaction under snapshot isolation: every read sees the database as of {@link #startTs()}
 * plus this transaction's own writes; writes are buffered and become visible to others atomically at
 * commit, on every shard or on none. Write-write conflicts are settled first-committer-wins at commit
 * ({@code WRITE_CONFLICT}, retryable, SQLState 40001).
 *
 * <p>Not thread-safe: one transaction is driven by one thread at a time. Errors are
 * {@link io.shardsql.common.ShardSqlException}s; a failed read leaves the transaction usable, a failed
 * commit leaves it {@link TxnState#ABORTED} (or {@link TxnState#UNKNOWN} if the outcome could not be
 * learned).
 */
public interface Transaction extends AutoCloseable {

    long startTs();

    TxnMode mode();

    TxnState state();

    /** How this transaction is isolated ({@link TxnIsolation#SNAPSHOT} unless begun otherwise). */
    default TxnIsolation isolation() { return TxnIsolation.SNAPSHOT; }

    /** The value of {@code key} in this transaction's snapshot, own writes included. */
    Optional<byte[]> get(byte[] key);

    /**
     * Reads {@code keys} at this transaction's snapshot all at once (in parallel across shards) and keeps
     * the answers, so that the {@link #get}s that follow for them need no round trip. A hint: doing
     * nothing is correct, and a failure here is left for those gets to meet.
     */
    default void prefetch(Collection<byte[]> keys) {}

    /**
     * Entries with {@code start <= key < end} ({@code end == null}: to the end) in key order, own
     * writes included. Streams: shards are read page by page as the iterator advances, so memory stays
     * bounded whatever the range holds.
     */
    Iterator<KvEntry> scan(byte[] start, byte[] end);

    /**
     * Like {@link #scan(byte[], byte[])}, but the shards may leave out stored entries that
     * {@code filter} rejects: a program their replicas run over what they scan
     * ({@link io.shardsql.storage.raft.machine.ScanFilters}), so rejected entries never leave the shard. Only a
     * pre-filter: the caller checks what it gets again, and the transaction's own writes are never
     * filtered. {@code null} filters nothing.
     */
    default Iterator<KvEntry> scan(byte[] start, byte[] end, byte[] filter) {
        return scan(start, end);
    }

    /**
     * The range read through a folding {@code program} ({@link io.shardsql.storage.EntryFilter#finishPage}):
     * each shard returns, for each page it scans at the transaction's snapshot, what the program folds the
     * page's entries into (partial aggregates), in no particular order. Only when the transaction has no
     * own writes in the range — those are not on the shards, and a fold cannot be undone — otherwise empty,
     * and the caller reads the rows with {@link #scan} and folds them itself.
     */
    default java.util.Optional<Iterator<KvEntry>> scanFolded(byte[] start, byte[] end, byte[] program) {
        return java.util.Optional.empty();
    }

    /**
     * Says who runs this transaction (a SQL session: its id, user and client address), for
     * {@code sys.transactions} and for the node's publication of its oldest running transaction, which
     * holds garbage collection back ({@link ActiveTransactions}).
     */
    default void setHolder(String holder) {}

    /**
     * A statement of this transaction begins. Until the next one, every scan sees this transaction's own
     * writes as they were at the statement's first scan, whatever the statement writes meanwhile (as a
     * PostgreSQL statement sees the rows as they were when it started); point reads ({@link #get}) still
     * see every write. Without statements, each scan sees the own writes as they were when it began. In
     * either case a scan is never disturbed by writes made while it runs, and a scan that is still open
     * (a cursor) keeps its view when later statements write. Stored data is always read at
     * {@link #startTs()}.
     */
    default void startStatement() {}

    /**
     * The statement begun by {@link #startStatement} is over: from now on each scan sees the own writes as
     * they are when it begins (what a statement that must see its own writes, such as DDL, wants).
     */
    default void endStatement() {}

    /**
     * Locks the rows stored under {@code keys} for this transaction ({@code SELECT ... FOR UPDATE} with
     * {@link Lock.Mode#EXCLUSIVE}, {@code FOR SHARE} with {@link Lock.Mode#SHARED}) until it commits or rolls
     * back: a lock through each shard's Raft log that others' writes and exclusive locks wait for. A row with a
     * version newer than this transaction's snapshot cannot be locked ({@code WRITE_CONFLICT}, 40001, as
     * PostgreSQL's REPEATABLE READ). Returns the keys {@link RowLockWait#SKIP_LOCKED} left out (empty
     * otherwise). Row locks are never read back; they never become versions.
     */
    default List<byte[]> lockRows(List<byte[]> keys, Lock.Mode mode, RowLockWait wait) {
        throw new io.shardsql.common.ShardSqlException(io.shardsql.common.ErrorCode.FEATURE_NOT_SUPPORTED,
                "row locks are not supported by " + getClass().getSimpleName());
    }

    void put(byte[] key, byte[] value);

    /**
     * Writes {@code key}, which must have no value: a unique violation (23505, as a
     * {@link io.shardsql.storage.KeyExistsException} naming the key) if it has one. What this transaction
     * knows is checked now — its own write of a value, or a value it read or prefetched; its own delete makes
     * this a plain put. Otherwise the key is not read: the shard checks it when the commit prepares, and
     * {@link #commit} fails with the violation (and writes nothing). For a writer that commits right after
     * (autocommit), this saves the read of every key; a writer that must learn of a taken key at once reads it
     * ({@link #get}) and {@link #put}s.
     */
    default void insert(byte[] key, byte[] value) {
        if (get(key).isPresent()) throw new io.shardsql.storage.KeyExistsException(key);
        put(key, value);
    }

    void delete(byte[] key);

    /**
     * Commits: returns the commit timestamp once the decision is durable (the start timestamp for a
     * transaction that wrote nothing). Throws if the transaction aborted; its writes are then nowhere.
     */
    long commit();

    /** Discards the buffered writes. Harmless after commit or rollback. */
    void rollback();

    /** Rolls back unless committed. */
    @Override
    default void close() {
        if (state() == TxnState.ACTIVE) rollback();
    }
}
