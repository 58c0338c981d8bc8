package io.shardsql.txn.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.Bytes;
import io.shardsql.storage.Mutation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A transaction's writes before commit, in key order; the last write to a key wins.
 *
 * <p><b>Scans see a fixed view.</b> A scan over the buffer ({@link #range}) iterates a map that is never
 * written again: the map it was given is marked shared, and the first write after that copies it (copy
 * on write) and goes to the copy. So a statement may write while it scans (a {@code DELETE} writes as
 * it reads, an open cursor may be followed by writes) without disturbing the scan, and the scan sees the
 * buffer as it was when it began. Inside a statement ({@link #startStatement}) every scan sees the
 * buffer as it was at the statement's first scan, as PostgreSQL's statement sees the rows as they were
 * when it started. The common cases cost nothing: no scan, or no write after a scan, copies nothing;
 * a statement that scans and then writes copies the buffer once.
 *
 * <p><b>Bounded.</b> The buffer counts the bytes it holds, each write as its key, its value and
 * {@link #ENTRY_OVERHEAD} (the map's entry and the two arrays' headers), and refuses a write that would take it
 * past {@code maxBytes} ({@code txn.write-buffer-memory}) with 53200, leaving the buffer as it was; the
 * statement fails and the session rolls back (autocommit) or fails the block. The copies a scan's fixed view
 * costs are not counted (they share the keys and values).
 */
final class WriteBuffer {
    /** Bytes counted per buffered key beyond its key and value: a tree map entry and two array headers. */
    static final long ENTRY_OVERHEAD = 72;
    private final long maxBytes;
    private long bytes;
    /** Key → new value; a null value is a delete. Written in place unless it is {@link #shared}. */
    private NavigableMap<byte[], byte[]> writes = new TreeMap<>(Bytes::compare);
    /** The map last handed to a scan: it is never written again. */
    private NavigableMap<byte[], byte[]> shared;
    /** Inside a statement, the view its scans see once its first scan began; null before it. */
    private NavigableMap<byte[], byte[]> statementView;
    private boolean inStatement;
    /** The keys written by {@link #insert} (and not deleted since): their mutations are inserts. */
    private final NavigableSet<byte[]> inserts = new TreeSet<>(Bytes::compare);

    WriteBuffer() { this(Long.MAX_VALUE); }

    WriteBuffer(long maxBytes) { this.maxBytes = maxBytes; }

    void put(byte[] key, byte[] value) {
        account(key, value);
        writable().put(key.clone(), value.clone());
    }

    /** {@link #put}s a key the commit is to check has no value at the snapshot ({@link Mutation#insert}). */
    void insert(byte[] key, byte[] value) {
        account(key, value);
        byte[] k = key.clone();
        writable().put(k, value.clone());
        inserts.add(k);
    }

    void delete(byte[] key) {
        account(key, null);
        writable().put(key.clone(), null);
        inserts.remove(key); // inserted and deleted again: nothing of it is written, so nothing is checked
    }

    /** The bytes the buffer holds, as counted against {@code maxBytes}. */
    long bytes() { return bytes; }

    /** Counts the write of {@code value} (null: a delete) to {@code key}, or refuses it if it would not fit. */
    private void account(byte[] key, byte[] value) {
        byte[] old = writes.get(key);
        long before = old != null || writes.containsKey(key) ? cost(key, old) : 0;
        long after = bytes - before + cost(key, value);
        if (after > maxBytes) {
            throw new ShardSqlException(ErrorCode.WRITE_BUFFER_MEMORY_EXCEEDED, "out of memory: the transaction's "
                    + "writes would take " + after + " bytes, more than txn.write-buffer-memory (" + maxBytes
                    + " bytes); write in smaller transactions");
        }
        bytes = after;
    }

    private static long cost(byte[] key, byte[] value) {
        return ENTRY_OVERHEAD + key.length + (value == null ? 0 : value.length);
    }

    boolean isEmpty() { return writes.isEmpty(); }

    int size() { return writes.size(); }

    boolean contains(byte[] key) { return writes.containsKey(key); }

    /** The buffered value of {@code key}: null for a delete; call only if {@link #contains}. */
    byte[] value(byte[] key) { return writes.get(key); }

    /**
     * A statement begins: its scans see the buffer as it is at its first scan, whatever it writes
     * meanwhile. Without it every scan sees the buffer as it is when that scan begins.
     */
    void startStatement() {
        inStatement = true;
        statementView = null;
    }

    /** The statement is over: from now on every scan sees the buffer as it is when that scan begins. */
    void endStatement() {
        inStatement = false;
        statementView = null;
    }

    /**
     * Buffered writes with {@code start <= key < end} ({@code end == null}: to the end), in key order, as
     * they are now (or at the statement's first scan): later writes do not show in, nor disturb, the
     * iteration.
     */
    Iterator<Map.Entry<byte[], byte[]>> range(byte[] start, byte[] end) {
        NavigableMap<byte[], byte[]> view;
        if (inStatement) {
            if (statementView == null) {
                statementView = writes;
                shared = writes; // the statement's later scans see it too, so it must stay as it is
            }
            view = statementView;
        } else {
            view = writes;
        }
        NavigableMap<byte[], byte[]> sub = end == null ? view.tailMap(start, true)
                : view.subMap(start, true, end, false);
        if (sub.isEmpty()) return Collections.emptyIterator(); // nothing to iterate, nothing to keep still
        shared = view;
        return sub.entrySet().iterator();
    }

    private NavigableMap<byte[], byte[]> writable() {
        if (writes == shared) writes = new TreeMap<>(writes); // a scan iterates the old map; it stays as it is
        return writes;
    }

    /** The writes grouped by the group each key belongs to, in key order within each group. */
    <G extends Comparable<G>> Map<G, List<Mutation>> byGroup(Function<byte[], G> groupOf) {
        Map<G, List<Mutation>> out = new TreeMap<>();
        for (Map.Entry<byte[], byte[]> e : writes.entrySet()) {
            out.computeIfAbsent(groupOf.apply(e.getKey()), g -> new ArrayList<>())
                    .add(new Mutation(e.getKey(), e.getValue(), e.getValue() != null && inserts.contains(e.getKey())));
        }
        return out;
    }
}
