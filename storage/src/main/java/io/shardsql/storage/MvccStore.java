package io.shardsql.storage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.SortedMap;

/**
 * A multi-version key-value store for one shard replica: versions by commit timestamp, at most one
 * lock value per key (a write intent, or a row lock, which names every holder of a shared one: {@link Lock}),
 * reads and range scans at a timestamp. All writes go through
 * {@link #newBatch()} so that a Raft entry is applied as one atomic write together with its index.
 */
public interface MvccStore extends MvccReader, AutoCloseable {

    MvccBatch newBatch();

    /** The Raft position of the last committed batch, or {@link AppliedIndex#NONE}. */
    AppliedIndex appliedIndex();

    Optional<byte[]> meta(String name);

    /** Named values whose names start with {@code prefix}, by name, at most {@code limit} of them. */
    default SortedMap<String, byte[]> metaScan(String prefix, int limit) {
        return metaScan(prefix, null, limit);
    }

    /**
     * Named values whose names start with {@code prefix} and sort after {@code after} ({@code null}: from the
     * first), by name, at most {@code limit} of them: the next page after a full one ends at {@code after}.
     */
    SortedMap<String, byte[]> metaScan(String prefix, String after, int limit);

    /**
     * Removes versions no read can see any more: for each key {@linkplain MvccBatch#markGarbageCandidate
     * marked} as a candidate, every version older than the newest one with {@code commitTs <= safePointTs},
     * and that newest one too if it is a delete. A candidate stays marked while it has a lock, more than
     * one version or a delete left; the work is in proportion to the candidates, not to the data.
     *
     * @return the number of versions removed
     */
    default long collectGarbage(long safePointTs) {
        long removed = 0;
        byte[] from = new byte[0];
        while (from != null) {
            GarbageStep step = collectGarbage(safePointTs, from, Integer.MAX_VALUE);
            removed += step.removed();
            from = step.nextKey();
        }
        return removed;
    }

    /**
     * One bounded step of {@link #collectGarbage(long)}: visits at most {@code maxKeys} candidate keys (or,
     * in a store whose candidates are not known yet, keys), from {@code fromKey} on, in key order. A
     * collection is the steps from the empty key until one returns no next key; its outcome is the
     * same as one call of {@link #collectGarbage(long)} however it is cut into steps.
     */
    GarbageStep collectGarbage(long safePointTs, byte[] fromKey, int maxKeys);

    /**
     * What one step of garbage collection did.
     *
     * @param removed the number of versions it removed
     * @param nextKey the key the next step starts from, or null when the collection is complete
     */
    record GarbageStep(long removed, byte[] nextKey) {
        public boolean complete() { return nextKey == null; }
    }

    /**
     * Removes every version with {@code commitTs >= ts}, of every key, and leaves older versions, locks
     * and meta values as they are: what a restore does to trim a backup part to its cut. It walks all
     * versions (not only the garbage candidates); call it where nothing else writes.
     *
     * @return the number of versions removed
     */
    long dropVersionsFrom(long ts);

    /**
     * Writes a consistent, self-contained copy of the store into the new directory {@code target}
     * (hard links where possible). The copy contains exactly the batches committed before the call.
     */
    void checkpoint(Path target);

    /**
     * Moves what the store holds in memory into its files and waits for it; writes may go on meanwhile. A
     * {@link #checkpoint} right after has little left to flush (a snapshot asks for this ahead of its marker,
     * so that the checkpoint it takes on the apply thread is short). A store without such memory does nothing.
     */
    void flush();

    /** Approximate size on disk in bytes (for status and sys.shards). */
    long approximateSizeBytes();

    /** Verifies every stored checksum; throws {@code ShardSqlException(STORAGE_CORRUPTED)} on a mismatch. */
    void verifyChecksums();

    @Override
    void close();
}
