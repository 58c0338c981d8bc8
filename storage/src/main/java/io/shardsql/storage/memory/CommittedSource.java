package io.shardsql.storage.memory;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;

import java.util.Collections;
import java.util.Iterator;
import java.util.NavigableMap;

/** A {@link Source} over the committed {@link MemoryState} alone (the caller holds the store's lock). */
final class CommittedSource implements Source {
    private static final NavigableMap<Long, byte[]> NONE =
            Collections.unmodifiableNavigableMap(MemoryState.newVersions());

    private final MemoryState state;

    CommittedSource(MemoryState state) {
        this.state = state;
    }

    @Override
    public NavigableMap<Long, byte[]> versions(byte[] key) {
        NavigableMap<Long, byte[]> v = state.versions.get(key);
        return v == null ? NONE : v;
    }

    @Override
    public byte[] nextVersionedKey(byte[] from, boolean inclusive) {
        return inclusive ? state.versions.ceilingKey(from) : state.versions.higherKey(from);
    }

    @Override
    public Lock lock(byte[] key) {
        return state.locks.get(key);
    }

    @Override
    public Iterator<LockEntry> locks(byte[] start, byte[] end) {
        if (end != null && Bytes.compare(start, end) >= 0) return java.util.Collections.emptyIterator();
        var range = end == null ? state.locks.tailMap(start, true) : state.locks.subMap(start, true, end, false);
        Iterator<java.util.Map.Entry<byte[], Lock>> it = range.entrySet().iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() { return it.hasNext(); }

            @Override
            public LockEntry next() {
                var e = it.next();
                return new LockEntry(e.getKey(), e.getValue());
            }
        };
    }

    @Override
    public byte[] meta(String name) {
        return state.meta.get(name);
    }
}
