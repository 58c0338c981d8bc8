package io.shardsql.storage.memory;

import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.Lock;

import java.util.Comparator;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The committed state of an {@link InMemoryMvccStore}: per user key its versions, newest first (a
 * {@code null} value is a delete), the locks, the garbage candidates, the named meta values and the
 * applied index. Not thread-safe: the store guards it.
 */
final class MemoryState {
    final NavigableMap<byte[], NavigableMap<Long, byte[]>> versions = new TreeMap<>(Bytes::compare);
    final NavigableMap<byte[], Lock> locks = new TreeMap<>(Bytes::compare);
    final NavigableSet<byte[]> candidates = new TreeSet<>(Bytes::compare);
    final NavigableMap<String, byte[]> meta = new TreeMap<>();
    AppliedIndex applied = AppliedIndex.NONE;

    /** An empty map of one key's versions, newest first. */
    static NavigableMap<Long, byte[]> newVersions() {
        return new TreeMap<>(Comparator.reverseOrder());
    }

    /** About how many bytes the state holds (keys, values, locks, meta). */
    long approximateBytes() {
        long bytes = 0;
        for (var e : versions.entrySet()) {
            for (byte[] v : e.getValue().values()) bytes += e.getKey().length + Long.BYTES + (v == null ? 1 : v.length);
        }
        for (var e : locks.entrySet()) {
            for (Lock l : e.getValue().holders()) {
                bytes += e.getKey().length + 2 * Long.BYTES + l.owner().length
                        + (l.value() == null ? 0 : l.value().length);
            }
        }
        for (byte[] c : candidates) bytes += c.length;
        for (var e : meta.entrySet()) bytes += e.getKey().length() + e.getValue().length;
        return bytes;
    }
}
