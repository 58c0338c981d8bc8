package io.shardsql.storage.raft.command;

import io.shardsql.storage.raft.machine.ScanFilters;

import java.util.List;

/** A read of one group, answered by its leader after confirming leadership (linearizable). */
public sealed interface ShardQuery permits ShardQuery.Get, ShardQuery.Scan, ShardQuery.Status, ShardQuery.ScanLocks,
        ShardQuery.GetMeta, ShardQuery.ScanMeta, ShardQuery.GetMany, ShardQuery.CheckReads,
        ShardQuery.Extension {

    /** The version of {@code key} visible at {@code readTs}, if any; fails if the key is locked. */
    record Get(byte[] key, long readTs) implements ShardQuery {}

    /**
     * Several keys at one timestamp in one request (one ReadIndex round instead of one per key); the
     * answer is a {@link ShardReply.Batched} with one {@link ShardReply.Value} or {@link ShardReply.Failed}
     * per key, in the order of {@code keys}: a key that is locked fails on its own.
     */
    record GetMany(List<byte[]> keys, long readTs) implements ShardQuery {
        public GetMany {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) throw new IllegalArgumentException("no keys");
        }
    }

    /**
     * Up to {@code limit} entries with {@code start <= key < end} ({@code end} null: unbounded); with a
     * {@code filter} program (see {@link ScanFilters}), only the entries it keeps, and the page may end
     * early (its resume key says where to go on).
     */
    record Scan(byte[] start, byte[] end, long readTs, int limit, byte[] filter) implements ShardQuery {
        public Scan {
            if (limit <= 0) throw new IllegalArgumentException("limit must be positive");
        }

        public Scan(byte[] start, byte[] end, long readTs, int limit) {
            this(start, end, readTs, limit, null);
        }
    }

    /**
     * Validates a SERIALIZABLE transaction's reads: none of {@code spans} may hold a version committed in
     * {@code (readTs, upToTs]}, nor another transaction's write intent that could still commit at or below
     * {@code upToTs} (start timestamp {@code <= upToTs}; the lock at {@code readTs} is the asker's own; row
     * locks never become versions and are ignored). Answers {@link ShardReply.Done} if so; otherwise
     * {@link ShardReply.Failed} with {@code SERIALIZATION_FAILURE} naming the changed key, or with
     * {@code KEY_LOCKED} and the intent (which the asker may resolve and ask again).
     */
    record CheckReads(long readTs, long upToTs, List<Span> spans) implements ShardQuery {
        public CheckReads {
            spans = List.copyOf(spans);
            if (spans.isEmpty()) throw new IllegalArgumentException("no spans");
            if (upToTs < readTs) throw new IllegalArgumentException("upToTs below readTs");
        }

        /** Keys {@code start <= key < end} ({@code end} null: unbounded). */
        public record Span(byte[] start, byte[] end) {
            public Span {
                java.util.Objects.requireNonNull(start, "start");
            }
        }
    }

    /** Applied index and approximate size of the replica that answers. */
    record Status() implements ShardQuery {}

    /** Up to {@code limit} locks with {@code start <= key < end}. */
    record ScanLocks(byte[] start, byte[] end, int limit) implements ShardQuery {
        public ScanLocks {
            if (limit <= 0) throw new IllegalArgumentException("limit must be positive");
        }
    }

    /** A named value (a coordinator's decision, the timestamp limit, ...). */
    record GetMeta(String name) implements ShardQuery {}

    /**
     * Up to {@code limit} named values whose names start with {@code prefix} and sort after {@code after}
     * ({@code null}: from the first): a caller pages by passing the last name of a full page.
     */
    record ScanMeta(String prefix, String after, int limit) implements ShardQuery {
        public ScanMeta {
            if (limit <= 0) throw new IllegalArgumentException("limit must be positive");
        }

        /** The first page. */
        public ScanMeta(String prefix, int limit) {
            this(prefix, null, limit);
        }
    }

    /**
     * A read that a layer above storage adds (the transaction layer's timestamps), answered on the
     * leader by the {@code machine.GroupExtension} that registered its tag. Such reads are points:
     * they return a few values, never a page of a scan.
     */
    non-sealed interface Extension extends ShardQuery {
        /** This query's tag in the codec; one of {@link ExtensionCodecs#QUERY_TAGS}. */
        int tag();

        /** Writes the query's body (everything after its tag). */
        void writeBody(ByteWriter out);
    }
}
