package io.shardsql.storage;

import java.util.List;
import java.util.Optional;

/**
 * Reads of a multi-version store at a timestamp. Implemented by the store itself (committed state)
 * and by {@link MvccBatch} (committed state plus the batch's own, not yet committed, writes).
 *
 * <p>Visibility: a read at {@code readTs} sees, for each key, the newest version whose
 * {@code commitTs <= readTs}; a delete version hides the key. A lock of another transaction with
 * {@code startTs <= readTs} might commit below {@code readTs}, so such a read throws
 * {@link KeyLockedException} rather than guess. Locks with {@code startTs > readTs} are ignored.
 * A transaction reads at its own {@code startTs}, and start timestamps identify transactions, so a lock
 * with {@code startTs == readTs} is the reader's own and is ignored as well (the read returns committed
 * versions; the transaction knows what it is writing). Read timestamps are {@code >= 0}. Row locks
 * ({@link Lock.Mode#EXCLUSIVE}, {@link Lock.Mode#SHARED}) never become versions, so no read waits for them.
 */
public interface MvccReader {

    /** The value of {@code key} visible at {@code readTs}. */
    Optional<KvEntry> get(byte[] key, long readTs);

    /**
     * Entries with {@code start <= key < end} visible at {@code readTs}, in key order, at most
     * {@code limit} of them. {@code end == null} means no upper bound.
     */
    List<KvEntry> scan(byte[] start, byte[] end, long readTs, int limit);

    /** About how many bytes of keys and values a page holds at most (the entry that crosses it is the last). */
    int PAGE_BYTES = 1 << 20;

    /**
     * A page of the entries of {@code [start, end)} visible at {@code readTs} that {@code filter}
     * keeps, each value as {@link EntryFilter#shape} makes it: at most {@code limit} of them and about
     * {@link #PAGE_BYTES}, after looking at no more than {@code examineLimit} visible entries (so a
     * filter that keeps little cannot hold the replica for long). Locks are checked over everything the
     * page looked at, kept or not.
     */
    ScanPage scan(byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit);

    /**
     * How many keys of {@code [start, end)} are visible at {@code readTs} ({@code end == null}: no upper
     * bound), with the same lock rule as {@link #scan}. The default pages through {@link #scan}; a store
     * may count without materializing values.
     */
    default long countLive(byte[] start, byte[] end, long readTs) {
        long count = 0;
        byte[] from = start;
        while (true) {
            ScanPage page = scan(from, end, readTs, Integer.MAX_VALUE, EntryFilter.ALL, Integer.MAX_VALUE);
            count += page.entries().size();
            if (page.resumeKey() == null) return count;
            from = page.resumeKey();
        }
    }

    /** The lock on {@code key}, if any (one value naming every holder: {@link Lock#holders}). */
    Optional<Lock> lock(byte[] key);

    /**
     * Locks on keys with {@code start <= key < end}, in key order, at most {@code limit} of them
     * ({@code end == null}: no upper bound). Used to resolve a transaction's locks and to find
     * abandoned ones.
     */
    List<LockEntry> scanLocks(byte[] start, byte[] end, int limit);

    /** Commit timestamp of the newest version of {@code key} (a delete counts), or 0 if none. */
    long latestCommitTs(byte[] key);

    /**
     * The first key of {@code [start, end)} ({@code end == null}: no upper bound) with a version committed
     * in {@code (afterTs, upToTs]} (a delete counts), or null if none: what a serializable transaction that
     * read the range at {@code afterTs} and commits at {@code upToTs} must not have missed. Locks are not
     * looked at. Costs one pass over the range's keys, seeking past the older versions of each.
     */
    byte[] firstChangedKey(byte[] start, byte[] end, long afterTs, long upToTs);
}
