package io.shardsql.storage;

import java.util.Optional;

/**
 * Writes that become visible together, atomically, when {@link #commit()} returns — with the
 * replication bookkeeping ({@link #setAppliedIndex}) in the same atomic write. Reads through the batch
 * see its own writes. Not thread-safe: one batch is filled by one thread.
 */
public interface MvccBatch extends MvccReader, AutoCloseable {

    /**
     * Writes a committed version of {@code key} at {@code commitTs} (positive: 0 means "no version" in
     * {@link #latestCommitTs}); {@code value == null} writes a delete.
     */
    void writeVersion(byte[] key, long commitTs, byte[] value);

    /**
     * Marks {@code key} as one {@link MvccStore#collectGarbage} must look at: call it when a version is,
     * or is about to be, written over an existing one, and for every delete. Garbage collection visits
     * only marked keys, so a key never marked keeps its old versions (space, never wrong answers).
     */
    void markGarbageCandidate(byte[] key);

    /** Sets the lock of {@code key} (replacing any lock it had). */
    void putLock(byte[] key, Lock lock);

    void removeLock(byte[] key);

    /** Records the Raft log position this batch brings the store to. */
    void setAppliedIndex(long term, long index);

    /** Stores a small named value beside the data (catalog version, epoch fences, ...). */
    void putMeta(String name, byte[] value);

    void deleteMeta(String name);

    /** A named value as this batch would leave it (its own writes included). */
    Optional<byte[]> meta(String name);

    /** Makes every write of this batch durable and visible at once. */
    void commit();

    /** Discards an uncommitted batch and frees its memory. */
    @Override
    void close();
}
