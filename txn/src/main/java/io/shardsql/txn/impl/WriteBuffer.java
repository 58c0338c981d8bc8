package io.shardsql.txn.impl;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.Mutation;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Function;

/** A transaction's writes before commit, in key order; the last write to a key wins. */
final class WriteBuffer {
    /** Key → new value; a null value is a delete. */
    private final NavigableMap<byte[], byte[]> writes = new TreeMap<>(Bytes::compare);

    void put(byte[] key, byte[] value) { writes.put(key.clone(), value.clone()); }

    void delete(byte[] key) { writes.put(key.clone(), null); }

    boolean isEmpty() { return writes.isEmpty(); }

    int size() { return writes.size(); }

    boolean contains(byte[] key) { return writes.containsKey(key); }

    /** The buffered value of {@code key}: null for a delete; call only if {@link #contains}. */
    byte[] value(byte[] key) { return writes.get(key); }

    /** Buffered writes with {@code start <= key < end} ({@code end == null}: to the end), in key order. */
    Iterator<Map.Entry<byte[], byte[]>> range(byte[] start, byte[] end) {
        NavigableMap<byte[], byte[]> sub = end == null ? writes.tailMap(start, true)
                : writes.subMap(start, true, end, false);
        return sub.entrySet().iterator();
    }

    /** The writes grouped by the group each key belongs to, in key order within each group. */
    <G extends Comparable<G>> Map<G, List<Mutation>> byGroup(Function<byte[], G> groupOf) {
        Map<G, List<Mutation>> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            out.computeIfAbsent(groupOf.apply(e.getKey()), g -> new ArrayList<>())
                    .add(new Mutation(e.getKey(), e.getValue()));
        }
        return out;
    }
}
