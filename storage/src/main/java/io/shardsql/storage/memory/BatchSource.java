package io.shardsql.storage.memory;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A batch's writes, not yet committed, and the {@link Source} they make laid over the committed state:
 * a batch's version of a key adds to the key's versions, a batch's lock write or removal replaces the
 * committed lock, a batch's meta put or delete replaces the committed value.
 */
final class BatchSource implements Source {
    final NavigableMap<byte[], NavigableMap<Long, byte[]>> versions = new TreeMap<>(Bytes::compare);
    /** Key → the lock the batch leaves (empty: removed). */
    final NavigableMap<byte[], Optional<Lock>> locks = new TreeMap<>(Bytes::compare);
    final NavigableSet<byte[]> marks = new TreeSet<>(Bytes::compare);
    /** Name → the value the batch leaves (empty: deleted). */
    final NavigableMap<String, Optional<byte[]>> meta = new TreeMap<>();
    long[] appliedIndex;

    private final Source committed;

    BatchSource(Source committed) {
        this.committed = committed;
    }

    @Override
    public NavigableMap<Long, byte[]> versions(byte[] key) {
        NavigableMap<Long, byte[]> own = versions.get(key);
        if (own == null) return committed.versions(key);
        NavigableMap<Long, byte[]> merged = MemoryState.newVersions();
        merged.putAll(committed.versions(key));
        merged.putAll(own);
        return merged;
    }

    @Override
    public byte[] nextVersionedKey(byte[] from, boolean inclusive) {
        byte[] a = committed.nextVersionedKey(from, inclusive);
        byte[] b = inclusive ? versions.ceilingKey(from) : versions.higherKey(from);
        if (a == null) return b;
        if (b == null) return a;
        return Bytes.compare(a, b) <= 0 ? a : b;
    }

    @Override
    public Lock lock(byte[] key) {
        Optional<Lock> own = locks.get(key);
        return own != null ? own.orElse(null) : committed.lock(key);
    }

    @Override
    public Iterator<LockEntry> locks(byte[] start, byte[] end) {
        if (end != null && Bytes.compare(start, end) >= 0) return java.util.Collections.emptyIterator();
        var own = (end == null ? locks.tailMap(start, true) : locks.subMap(start, true, end,
                false)).entrySet().iterator();
        return new MergedLocks(committed.locks(start, end), own);
    }

    @Override
    public byte[] meta(String name) {
        Optional<byte[]> own = meta.get(name);
        return own != null ? own.orElse(null) : committed.meta(name);
    }

    /** Committed locks and the batch's lock writes merged in key order, the batch's winning. */
    private static final class MergedLocks implements Iterator<LockEntry> {
        private final Iterator<LockEntry> base;
        private final Iterator<Map.Entry<byte[], Optional<Lock>>> own;
        private LockEntry nextBase;
        private Map.Entry<byte[], Optional<Lock>> nextOwn;
        private LockEntry next;

        MergedLocks(Iterator<LockEntry> base, Iterator<Map.Entry<byte[], Optional<Lock>>> own) {
            this.base = base;
            this.own = own;
            nextBase = base.hasNext() ? base.next() : null;
            nextOwn = own.hasNext() ? own.next() : null;
            advance();
        }

        private void advance() {
            next = null;
            while (next == null && (nextBase != null || nextOwn != null)) {
                int cmp = nextBase == null ? 1 : nextOwn == null ? -1 : Bytes.compare(nextBase.key(), nextOwn.getKey());
                if (cmp < 0) {
                    next = nextBase;
                    nextBase = base.hasNext() ? base.next() : null;
                    continue;
                }
                if (cmp == 0) nextBase = base.hasNext() ? base.next() : null;
                Map.Entry<byte[], Optional<Lock>> w = nextOwn;
                nextOwn = own.hasNext() ? own.next() : null;
                if (w.getValue().isPresent()) next = new LockEntry(w.getKey(), w.getValue().get());
            }
        }

        @Override
        public boolean hasNext() { return next != null; }

        @Override
        public LockEntry next() {
            if (next == null) throw new NoSuchElementException();
            LockEntry out = next;
            advance();
            return out;
        }
    }
}
