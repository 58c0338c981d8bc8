package io.shardsql.txn.impl;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardQuery;
import io.shardsql.storage.raft.command.ShardReply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/**
 * A range scan over every shard at one timestamp, merged in key order, with the transaction's own
 * buffered writes laid over it (a buffered delete hides the key, a buffered value replaces it). Each
 * shard is read a page at a time, and the next page is requested as soon as the current one arrives,
 * so shards are read in parallel and memory stays at about two pages per shard. Pages start small
 * ({@value #PAGE} rows) and double up to {@value #MAX_PAGE}. A filter program goes
 * with every page request: the shards leave out what it rejects (own writes are laid over unfiltered).
 */
final class MergedScan implements Iterator<KvEntry> {
    /** The first page of each shard: a small scan (a LIMIT, a key prefix) asks for no more than this. */
    static final int PAGE = 256;
    /** Each further page of a shard is twice the last, up to this: a long scan makes few round trips. */
    static final int MAX_PAGE = 4096;

    private final PriorityQueue<ShardCursor> cursors =
            new PriorityQueue<>((a, b) -> Bytes.compare(a.peek().key(), b.peek().key()));
    private final Iterator<Map.Entry<byte[], byte[]>> own;
    private final long readTs;
    private Map.Entry<byte[], byte[]> nextOwn;
    private KvEntry next;

    MergedScan(SnapshotReader reader, byte[] start, byte[] end, long readTs, Iterator<Map.Entry<byte[], byte[]>> own,
            byte[] filter) {
        this.own = own;
        this.readTs = readTs;
        List<ShardCursor> all = new ArrayList<>();
        for (GroupName g : reader.groupsFor(start, end)) {
            all.add(new ShardCursor(reader, g, start, end, readTs, filter));
        }
        for (ShardCursor c : all) {
            if (c.fill()) cursors.add(c);
        }
        nextOwn = own.hasNext() ? own.next() : null;
        advance();
    }

    @Override
    public boolean hasNext() { return next != null; }

    @Override
    public KvEntry next() {
        if (next == null) throw new NoSuchElementException();
        KvEntry out = next;
        advance();
        return out;
    }

    private void advance() {
        next = null;
        while (next == null && (!cursors.isEmpty() || nextOwn != null)) {
            KvEntry stored = cursors.isEmpty() ? null : cursors.peek().peek();
            int cmp = stored == null ? 1 : nextOwn == null ? -1 : Bytes.compare(stored.key(), nextOwn.getKey());
            if (cmp <= 0) takeStored();
            if (cmp >= 0) takeOwn();
        }
    }

    private void takeStored() {
        ShardCursor c = cursors.poll();
        KvEntry e = c.take();
        if (c.fill()) cursors.add(c);
        next = e;
    }

    private void takeOwn() {
        Map.Entry<byte[], byte[]> w = nextOwn;
        nextOwn = own.hasNext() ? own.next() : null;
        next = w.getValue() == null ? null : new KvEntry(w.getKey().clone(), w.getValue().clone(), readTs);
    }

    /** One shard's part of the range, a page at a time, the next page always on its way. */
    private static final class ShardCursor {
        private final SnapshotReader reader;
        private final GroupName shard;
        private final byte[] end;
        private final long readTs;
        private final byte[] filter;
        private final ArrayDeque<KvEntry> buffered = new ArrayDeque<>();
        private ShardQuery.Scan pendingQuery;
        private CompletableFuture<ShardReply> pending;
        private int pageSize = PAGE;

        ShardCursor(SnapshotReader reader, GroupName shard, byte[] start, byte[] end, long readTs, byte[] filter) {
            this.reader = reader;
            this.filter = filter;
            this.shard = shard;
            this.end = end;
            this.readTs = readTs;
            request(start);
        }

        private void request(byte[] from) {
            pendingQuery = new ShardQuery.Scan(from, end, readTs, pageSize, filter);
            pending = reader.startPage(shard, pendingQuery);
            pageSize = Math.min(MAX_PAGE, pageSize * 2);
        }

        /** Makes sure an entry is buffered if the shard has one; false when the shard's range is done. */
        boolean fill() {
            while (buffered.isEmpty() && pending != null) {
                ShardReply.Entries page = reader.page(shard, pendingQuery, pending);
                pending = null;
                buffered.addAll(page.entries());
                if (page.resumeKey() != null) request(page.resumeKey());
            }
            return !buffered.isEmpty();
        }

        KvEntry peek() { return buffered.peekFirst(); }

        KvEntry take() { return buffered.pollFirst(); }
    }
}
