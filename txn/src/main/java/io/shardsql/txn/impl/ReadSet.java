package io.shardsql.txn.impl;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.command.ShardQuery.CheckReads.Span;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * What a SERIALIZABLE transaction read, to be validated at commit ({@link ReadValidator}): the keys it
 * read, as one-key spans kept with the shard that holds them, and the key ranges it scanned, up to the last
 * key a scan returned (or the whole range once the scan ran out), which every shard may hold keys of.
 *
 * <p>Spans that overlap or touch are merged. Memory is bounded: past {@code maxSpans} spans the set is
 * condensed — the set holding the most spans has each pair of neighbours merged into one span from the
 * first's start to the second's end (as CockroachDB condenses its refresh spans). A wider span is still
 * correct, it only covers keys that were not read, so a commit into them fails the validation too. The
 * point spans of one shard merge only with each other and are validated on that shard alone: keys of other
 * shards that fall between them are never looked at.
 *
 * <p>A scan reports through its {@link ScanRecorder}, which costs a field write per entry; recorders are
 * folded into the spans in batches and at validation (a recorder that goes on after being folded registers
 * again, and its wider span then absorbs the narrower one).
 */
final class ReadSet {
    /** Spans kept before the set condenses (about 4096 × two keys: a few hundred kilobytes at most). */
    static final int MAX_SPANS = 4096;
    /** Recorders that advanced since the last fold, folded when there are more than this. */
    static final int PENDING_SCANS = 64;

    private final Function<byte[], GroupName> groupOf;
    private final int maxSpans;
    private final Map<GroupName, TreeMap<byte[], byte[]>> points = new HashMap<>();
    private final TreeMap<byte[], byte[]> ranges = new TreeMap<>(Arrays::compareUnsigned);
    private final List<ScanRecorder> pending = new ArrayList<>();
    private int size;

    ReadSet(Function<byte[], GroupName> groupOf, int maxSpans) {
        if (maxSpans < 2) throw new IllegalArgumentException("maxSpans must be at least 2");
        this.groupOf = groupOf;
        this.maxSpans = maxSpans;
    }

    /** {@code key} was read. */
    void addKey(byte[] key) {
        TreeMap<byte[], byte[]> spans = points.computeIfAbsent(groupOf.apply(key),
                g -> new TreeMap<>(Arrays::compareUnsigned));
        add(spans, key.clone(), successor(key));
    }

    /** The keys {@code start <= key < end} ({@code end == null}: to the end) were read. */
    void addRange(byte[] start, byte[] end) {
        add(ranges, start.clone(), end == null ? null : end.clone());
    }

    /** A scan of {@code [start, end)} begins; its recorder says how far it got. */
    ScanRecorder scan(byte[] start, byte[] end) {
        return new ScanRecorder(start.clone(), end == null ? null : end.clone());
    }

    /** Wraps a scan so that what it returns is recorded. */
    Iterator<KvEntry> recording(Iterator<KvEntry> scan, byte[] start, byte[] end) {
        ScanRecorder recorder = scan(start, end);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = scan.hasNext();
                if (!more) recorder.finished();
                return more;
            }

            @Override
            public KvEntry next() {
                KvEntry e = scan.next();
                recorder.returned(e.key());
                return e;
            }
        };
    }

    boolean isEmpty() {
        fold();
        return size == 0;
    }

    /** How many spans the set holds (after folding the scans). */
    int size() {
        fold();
        return size;
    }

    /**
     * The spans to validate, by group: each shard's point spans, and every range span on each group
     * {@code groupsFor} says may hold keys of it.
     */
    Map<GroupName, List<Span>> byGroup(BiFunction<byte[], byte[], List<GroupName>> groupsFor) {
        fold();
        Map<GroupName, List<Span>> out = new TreeMap<>();
        points.forEach((group, spans) -> spans.forEach((s, e) ->
                out.computeIfAbsent(group, g -> new ArrayList<>()).add(new Span(s, e))));
        ranges.forEach((s, e) -> {
            for (GroupName group : groupsFor.apply(s, e)) {
                out.computeIfAbsent(group, g -> new ArrayList<>()).add(new Span(s, e));
            }
        });
        return out;
    }

    private void fold() {
        for (ScanRecorder r : pending) {
            r.registered = false;
            byte[] to = r.done ? r.end : r.coveredTo;
            if (r.done || to != null) add(ranges, r.start, to);
        }
        pending.clear();
    }

    /** Adds {@code [start, end)} to {@code spans}, merging it with every span it overlaps or touches. */
    private void add(TreeMap<byte[], byte[]> spans, byte[] start, byte[] end) {
        Map.Entry<byte[], byte[]> before = spans.floorEntry(start);
        if (before != null && (before.getValue() == null || Bytes.compare(before.getValue(), start) >= 0)) {
            if (covers(before.getValue(), end)) return; // already inside
            start = before.getKey();
        }
        for (Map.Entry<byte[], byte[]> e = spans.ceilingEntry(start); e != null
                && (end == null || Bytes.compare(e.getKey(), end) <= 0); e = spans.ceilingEntry(start)) {
            if (!covers(end, e.getValue())) end = e.getValue();
            spans.remove(e.getKey());
            size--;
        }
        spans.put(start, end);
        size++;
        if (size > maxSpans) condense();
    }

    /** Merges neighbouring pairs of the largest set of spans, halving it. */
    private void condense() {
        TreeMap<byte[], byte[]> largest = ranges;
        for (TreeMap<byte[], byte[]> s : points.values()) if (s.size() > largest.size()) largest = s;
        List<Map.Entry<byte[], byte[]>> all = new ArrayList<>(largest.entrySet());
        largest.clear();
        size -= all.size();
        for (int i = 0; i < all.size(); i += 2) {
            byte[] end = i + 1 < all.size() ? all.get(i + 1).getValue() : all.get(i).getValue();
            largest.put(all.get(i).getKey(), end);
            size++;
        }
    }

    /** Whether a span ending at {@code outer} reaches at least to {@code inner} (null: unbounded). */
    private static boolean covers(byte[] outer, byte[] inner) {
        return outer == null || (inner != null && Bytes.compare(outer, inner) >= 0);
    }

    /** The smallest key after {@code key}. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    /** How far one scan got: {@code [start, coveredTo)} while it runs, {@code [start, end)} once it ran out. */
    final class ScanRecorder {
        private final byte[] start;
        private final byte[] end;
        private byte[] coveredTo;
        private boolean done;
        private boolean registered;

        private ScanRecorder(byte[] start, byte[] end) {
            this.start = start;
            this.end = end;
        }

        /** The scan returned {@code key}. */
        void returned(byte[] key) {
            coveredTo = successor(key);
            register();
        }

        /** The scan has nothing more. */
        void finished() {
            if (done) return;
            done = true;
            register();
        }

        private void register() {
            if (registered) return;
            registered = true;
            pending.add(this);
            if (pending.size() > PENDING_SCANS) fold();
        }
    }
}
