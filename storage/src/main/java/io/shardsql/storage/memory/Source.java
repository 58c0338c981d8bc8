package io.shardsql.storage.memory;

import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;

import java.util.Iterator;
import java.util.NavigableMap;

/**
 * What {@link MemoryReads} reads from: the committed {@link MemoryState}, or a batch's writes laid
 * over it. Keys are compared unsigned; a {@code null} end means no upper bound.
 */
interface Source {
    /** The versions of {@code key}, newest first (a null value is a delete); empty if it has none. */
    NavigableMap<Long, byte[]> versions(byte[] key);

    /** The smallest key with versions that is {@code >= from} ({@code inclusive}) or {@code > from}; null if none. */
    byte[] nextVersionedKey(byte[] from, boolean inclusive);

    Lock lock(byte[] key);

    /** The locks on keys with {@code start <= key < end}, in key order. */
    Iterator<LockEntry> locks(byte[] start, byte[] end);

    /** A named meta value, or null. */
    byte[] meta(String name);
}
