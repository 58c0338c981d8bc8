package io.shardsql.storage.raft.command;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.Mutation;

import java.util.ArrayList;
import java.util.List;

/**
 * Binary form of shard commands, queries and replies, as they travel in Raft entries and messages.
 * All integers are big-endian; {@code bytes} is {@code | length (4) | data |} with length -1 for null.
 *
 * <pre>
 * message      := | format (1) = 0x01 | tag (1) | body |
 *
 * commands
 *   0x01 CommitWrites   | startTs (8) | commitTs (8) | n (4) | n x ( key bytes | value bytes-or-null ) |
 *   0x02 Batch          | n (4) | n x ( tag (1) | body ) |
 *   0x03 CollectGarbage | safePointTs (8) |
 *   0x04 Prepare        | startTs (8) | owner bytes | ttlMillis (8) | n (4) | n x ( key bytes | value bytes-or-null ) |
 *   0x05 Resolve        | startTs (8) | commitTs (8) | n (4) | n x key bytes |
 *   0x06 CommitLocal    | startTs (8) | commitTs (8) | n (4) | n x key bytes |
 *   0x10 LockRows       | startTs (8) | owner bytes | ttlMillis (8) | mode (1): 1 EXCLUSIVE, 2 SHARED |
 *                       | skipLocked (1) | n (4) | n x key bytes |
 *   0x20 Prepare        with inserts among its mutations ({@code Mutation#insert}; else it is written as 0x04):
 *                       | startTs (8) | owner bytes | ttlMillis (8) | n (4) |
 *                       | n x ( insert (1) = 0 or 1 | key bytes | value bytes-or-null ) |
 *   0x07..0x0F          extensions' commands: | tag (1) | body | (ExtensionCodecs; txn's are drawn in
 *                       txn.log.TxnCommand)
 * queries
 *   0x11 Get            | key bytes | readTs (8) |
 *   0x12 Scan           | start bytes | end bytes-or-null | readTs (8) | limit (4) | filter bytes-or-null |
 *   0x13 Status         |
 *   0x14 ScanLocks      | start bytes | end bytes-or-null | limit (4) |
 *   0x15 GetMeta        | name string |
 *   0x16 ScanMeta       | prefix string | limit (4) | after string-or-null |
 *   0x17, 0x19, 0x1B..0x1F  extensions' queries: | tag (1) | body | (ExtensionCodecs)
 *   0x18 GetMany        | readTs (8) | n (4) | n x key bytes |
 *   0x1A CheckReads     | readTs (8) | upToTs (8) | n (4) | n x ( start bytes | end bytes-or-null ) |
 * replies
 *   0x21 Done           |
 *   0x22 Failed         | error number (4) | message bytes | lockedKey bytes-or-null | hasLock (1) [ lock ] |
 *   0x23 Value          | present (1) [ entry ] |
 *   0x24 Entries        | n (4) | n x entry | resumeKey bytes-or-null |
 *   0x25 Batched        | n (4) | n x ( tag (1) | body ) |
 *   0x26 Status         | appliedTerm (8) | appliedIndex (8) | sizeBytes (8) |
 *   0x27 Meta           | value bytes-or-null |
 *   0x28 MetaEntries    | n (4) | n x ( name string | value bytes ) |
 *   0x29 Locks          | n (4) | n x ( key bytes | lock ) |
 *   0x2A Timestamps     | first (8) | count (4) | hasRead (1) [ present (1) [ entry ] ] |
 *   0x2B Counter        | value (8) |
 * entry        := | key bytes | value bytes | commitTs (8) |
 * lock         := | mode (1): 0 WRITE, 1 EXCLUSIVE, 2 SHARED | startTs (8) | owner bytes | value bytes-or-null |
 *                 | ttlMillis (8) | sharers n (4) | n x ( startTs (8) | owner bytes | ttlMillis (8) ) |
 * string       := bytes holding UTF-8
 * </pre>
 */
public final class ShardCodec {
    static final int FORMAT = 1;

    private ShardCodec() {}

    // ---- commands ----------------------------------------------------------------------------

    public static byte[] encode(ShardCommand c) {
        ByteWriter w = new ByteWriter(64).u8(FORMAT);
        writeCommand(w, c);
        return w.toByteArray();
    }

    /**
     * The length of {@link #encode}{@code (c)}, counted without encoding it (a batch's size is known before it
     * is built); an extension's command is encoded to count it (they are small).
     */
    public static long encodedSize(ShardCommand c) {
        return 1 + sizeOf(c);
    }

    private static long sizeOf(ShardCommand c) {
        if (c instanceof ShardCommand.CommitWrites cw) return 1 + 8 + 8 + mutationsSize(cw.mutations());
        if (c instanceof ShardCommand.Prepare p) {
            return 1 + 8 + 4 + p.owner().length + 8 + mutationsSize(p.mutations());
        }
        if (c instanceof ShardCommand.Resolve r) return 1 + 8 + 8 + keysSize(r.keys());
        if (c instanceof ShardCommand.CommitLocal cl) return 1 + 8 + 8 + keysSize(cl.keys());
        if (c instanceof ShardCommand.CollectGarbage) return 1 + 8;
        if (c instanceof ShardCommand.LockRows l) return 1 + 8 + 4 + l.owner().length + 8 + 1 + 1 + keysSize(l.keys());
        if (c instanceof ShardCommand.Batch b) {
            long n = 1 + 4;
            for (ShardCommand sub : b.commands()) n += sizeOf(sub);
            return n;
        }
        return encode(c).length - 1;
    }

    /**
     * The encoded size of {@code mutations}: | n (4) | n x ( key bytes | value bytes-or-null ) |, plus the
     * insert flag before each mutation if any of them is an insert (a Prepare's 0x20 form).
     */
    public static long mutationsSize(List<Mutation> mutations) {
        long n = 4;
        for (Mutation m : mutations) n += 8 + m.key().length + (m.value() == null ? 0 : m.value().length);
        return hasInserts(mutations) ? n + mutations.size() : n;
    }

    private static long keysSize(List<byte[]> keys) {
        long n = 4;
        for (byte[] k : keys) n += 4 + k.length;
        return n;
    }

    /** A command of storage's own; an extension's command fails to decode ({@code BAD_COMMAND}). */
    public static ShardCommand decodeCommand(byte[] data) {
        return decodeCommand(data, ExtensionCodecs.NONE);
    }

    /** A command of storage's own or of one of {@code extensions}. */
    public static ShardCommand decodeCommand(byte[] data, ExtensionCodecs extensions) {
        ByteReader r = header(data);
        ShardCommand c = guard(() -> readCommand(r, r.u8(), true, extensions));
        r.expectEnd();
        return c;
    }

    private static void writeCommand(ByteWriter w, ShardCommand c) {
        if (c instanceof ShardCommand.CommitWrites cw) {
            if (hasInserts(cw.mutations())) throw new IllegalStateException("CommitWrites cannot carry inserts");
            w.u8(0x01).i64(cw.startTs()).i64(cw.commitTs()).i32(cw.mutations().size());
            for (Mutation m : cw.mutations()) w.bytes(m.key()).bytes(m.value());
        } else if (c instanceof ShardCommand.Batch b) {
            w.u8(0x02).i32(b.commands().size());
            for (ShardCommand sub : b.commands()) writeCommand(w, sub);
        } else if (c instanceof ShardCommand.CollectGarbage g) {
            w.u8(0x03).i64(g.safePointTs());
        } else if (c instanceof ShardCommand.Prepare p && hasInserts(p.mutations())) {
            w.u8(0x20).i64(p.startTs()).bytes(p.owner()).i64(p.ttlMillis()).i32(p.mutations().size());
            for (Mutation m : p.mutations()) w.u8(m.insert() ? 1 : 0).bytes(m.key()).bytes(m.value());
        } else if (c instanceof ShardCommand.Prepare p) {
            w.u8(0x04).i64(p.startTs()).bytes(p.owner()).i64(p.ttlMillis()).i32(p.mutations().size());
            for (Mutation m : p.mutations()) w.bytes(m.key()).bytes(m.value());
        } else if (c instanceof ShardCommand.Resolve r) {
            writeKeys(w.u8(0x05).i64(r.startTs()).i64(r.commitTs()), r.keys());
        } else if (c instanceof ShardCommand.CommitLocal cl) {
            writeKeys(w.u8(0x06).i64(cl.startTs()).i64(cl.commitTs()), cl.keys());
        } else if (c instanceof ShardCommand.LockRows l) {
            writeKeys(w.u8(0x10).i64(l.startTs()).bytes(l.owner()).i64(l.ttlMillis()).u8(l.mode().ordinal())
                    .u8(l.skipLocked() ? 1 : 0), l.keys());
        } else if (c instanceof ShardCommand.Extension e) {
            if (!ExtensionCodecs.COMMAND_TAGS.contains(e.tag())) throw new IllegalStateException("command tag "
                    + e.tag() + " is not free");
            e.writeBody(w.u8(e.tag()));
        } else {
            throw new IllegalStateException("unencodable command " + c);
        }
    }

    private static ShardCommand readCommand(ByteReader r, int tag, boolean allowBatch, ExtensionCodecs extensions) {
        switch (tag) {
            case 0x01 -> {
                long startTs = r.i64();
                long commitTs = r.i64();
                return new ShardCommand.CommitWrites(startTs, commitTs, readMutations(r));
            }
            case 0x02 -> {
                if (!allowBatch) throw bad("nested batch");
                int n = r.count(1);
                List<ShardCommand> cs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) cs.add(readCommand(r, r.u8(), false, extensions));
                return new ShardCommand.Batch(cs);
            }
            case 0x03 -> {
                return new ShardCommand.CollectGarbage(r.i64());
            }
            case 0x04 -> {
                long startTs = r.i64();
                byte[] owner = nonNull(r.bytes(), "owner");
                long ttl = r.i64();
                return new ShardCommand.Prepare(startTs, owner, ttl, readMutations(r));
            }
            case 0x20 -> {
                long startTs = r.i64();
                byte[] owner = nonNull(r.bytes(), "owner");
                long ttl = r.i64();
                return new ShardCommand.Prepare(startTs, owner, ttl, readFlaggedMutations(r));
            }
            case 0x05 -> {
                return new ShardCommand.Resolve(r.i64(), r.i64(), readKeys(r));
            }
            case 0x06 -> {
                return new ShardCommand.CommitLocal(r.i64(), r.i64(), readKeys(r));
            }
            case 0x10 -> {
                long startTs = r.i64();
                byte[] owner = nonNull(r.bytes(), "owner");
                long ttl = r.i64();
                Lock.Mode mode = lockMode(r.u8());
                boolean skip = r.u8() == 1;
                return new ShardCommand.LockRows(startTs, owner, ttl, mode, skip, readKeys(r));
            }
            default -> {
                var decoder = extensions.command(tag);
                if (decoder == null) throw bad("unknown command tag 0x" + Integer.toHexString(tag));
                return decoder.apply(r);
            }
        }
    }

    private static List<Mutation> readMutations(ByteReader r) {
        int n = r.count(8);
        List<Mutation> ms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ms.add(new Mutation(nonNull(r.bytes(), "key"), r.bytes()));
        return ms;
    }

    private static List<Mutation> readFlaggedMutations(ByteReader r) {
        int n = r.count(9);
        List<Mutation> ms = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int flag = r.u8();
            if (flag > 1) throw bad("insert flag " + flag);
            byte[] key = nonNull(r.bytes(), "key");
            byte[] value = r.bytes();
            if (flag == 1 && value == null) throw bad("an insert without a value");
            ms.add(new Mutation(key, value, flag == 1));
        }
        return ms;
    }

    private static boolean hasInserts(List<Mutation> mutations) {
        for (Mutation m : mutations) if (m.insert()) return true;
        return false;
    }

    private static void writeKeys(ByteWriter w, List<byte[]> keys) {
        w.i32(keys.size());
        for (byte[] k : keys) w.bytes(k);
    }

    private static List<byte[]> readKeys(ByteReader r) {
        int n = r.count(4);
        List<byte[]> keys = new ArrayList<>(n);
        for (int i = 0; i < n; i++) keys.add(nonNull(r.bytes(), "key"));
        return keys;
    }

    // ---- queries -----------------------------------------------------------------------------

    public static byte[] encode(ShardQuery q) {
        ByteWriter w = new ByteWriter(64).u8(FORMAT);
        if (q instanceof ShardQuery.Get g) {
            w.u8(0x11).bytes(g.key()).i64(g.readTs());
        } else if (q instanceof ShardQuery.Scan s) {
            w.u8(0x12).bytes(s.start()).bytes(s.end()).i64(s.readTs()).i32(s.limit()).bytes(s.filter());
        } else if (q instanceof ShardQuery.ScanLocks s) {
            w.u8(0x14).bytes(s.start()).bytes(s.end()).i32(s.limit());
        } else if (q instanceof ShardQuery.GetMeta g) {
            w.u8(0x15).string(g.name());
        } else if (q instanceof ShardQuery.ScanMeta s) {
            w.u8(0x16).string(s.prefix()).i32(s.limit()).string(s.after());
        } else if (q instanceof ShardQuery.GetMany g) {
            w.u8(0x18).i64(g.readTs()).i32(g.keys().size());
            for (byte[] key : g.keys()) w.bytes(key);
        } else if (q instanceof ShardQuery.CheckReads c) {
            w.u8(0x1A).i64(c.readTs()).i64(c.upToTs()).i32(c.spans().size());
            for (ShardQuery.CheckReads.Span span : c.spans()) w.bytes(span.start()).bytes(span.end());
        } else if (q instanceof ShardQuery.Status) {
            w.u8(0x13);
        } else if (q instanceof ShardQuery.Extension e) {
            if (!ExtensionCodecs.isQueryTag(e.tag())) throw new IllegalStateException("query tag " + e.tag()
                    + " is not free");
            e.writeBody(w.u8(e.tag()));
        } else {
            throw new IllegalStateException("unencodable query " + q);
        }
        return w.toByteArray();
    }

    /**
     * Whether an encoded query reads at most one key or value (a get, a meta value, the status, an
     * extension's query): one that costs a few microseconds, never a scan.
     */
    public static boolean isPointQuery(byte[] encoded) {
        if (encoded.length < 2) return false;
        int tag = encoded[1] & 0xFF;
        return tag == 0x11 || tag == 0x13 || tag == 0x15 || ExtensionCodecs.isQueryTag(tag);
    }

    /** A query of storage's own; an extension's query fails to decode ({@code BAD_COMMAND}). */
    public static ShardQuery decodeQuery(byte[] data) {
        return decodeQuery(data, ExtensionCodecs.NONE);
    }

    /** A query of storage's own or of one of {@code extensions}. */
    public static ShardQuery decodeQuery(byte[] data, ExtensionCodecs extensions) {
        ByteReader r = header(data);
        ShardQuery q = guard(() -> readQuery(r, r.u8(), extensions));
        r.expectEnd();
        return q;
    }

    private static ShardQuery readQuery(ByteReader r, int tag, ExtensionCodecs extensions) {
        return switch (tag) {
            case 0x11 -> new ShardQuery.Get(nonNull(r.bytes(), "key"), r.i64());
            case 0x12 -> {
                byte[] start = nonNull(r.bytes(), "start");
                byte[] end = r.bytes();
                long readTs = r.i64();
                int limit = r.i32();
                yield new ShardQuery.Scan(start, end, readTs, limit, r.bytes());
            }
            case 0x13 -> new ShardQuery.Status();
            case 0x14 -> new ShardQuery.ScanLocks(nonNull(r.bytes(), "start"), r.bytes(), r.i32());
            case 0x15 -> new ShardQuery.GetMeta(nonNullString(r, "name"));
            case 0x16 -> {
                String prefix = nonNullString(r, "prefix");
                int limit = r.i32();
                yield new ShardQuery.ScanMeta(prefix, r.string(), limit);
            }
            case 0x18 -> {
                long readTs = r.i64();
                yield new ShardQuery.GetMany(readKeys(r), readTs);
            }
            case 0x1A -> {
                long readTs = r.i64();
                long upToTs = r.i64();
                int n = r.count(4);
                List<ShardQuery.CheckReads.Span> spans = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    spans.add(new ShardQuery.CheckReads.Span(nonNull(r.bytes(), "start"), r.bytes()));
                }
                yield new ShardQuery.CheckReads(readTs, upToTs, spans);
            }
            default -> {
                var decoder = extensions.query(tag);
                if (decoder == null) throw bad("unknown query tag 0x" + Integer.toHexString(tag));
                yield decoder.apply(r);
            }
        };
    }

    // ---- replies -----------------------------------------------------------------------------

    public static byte[] encode(ShardReply reply) {
        ByteWriter w = new ByteWriter(64).u8(FORMAT);
        writeReply(w, reply);
        return w.toByteArray();
    }

    public static ShardReply decodeReply(byte[] data) {
        ByteReader r = header(data);
        ShardReply reply = guard(() -> readReply(r, r.u8()));
        r.expectEnd();
        return reply;
    }

    private static void writeReply(ByteWriter w, ShardReply reply) {
        if (reply instanceof ShardReply.Done) {
            w.u8(0x21);
        } else if (reply instanceof ShardReply.Failed f) {
            w.u8(0x22).i32(f.code().number()).string(f.message()).bytes(f.lockedKey()).u8(f.lock() == null ? 0 : 1);
            if (f.lock() != null) writeLock(w, f.lock());
        } else if (reply instanceof ShardReply.Value v) {
            writeValue(w.u8(0x23), v);
        } else if (reply instanceof ShardReply.Entries e) {
            w.u8(0x24).i32(e.entries().size());
            for (KvEntry en : e.entries()) writeEntry(w, en);
            w.bytes(e.resumeKey());
        } else if (reply instanceof ShardReply.Batched b) {
            w.u8(0x25).i32(b.replies().size());
            for (ShardReply sub : b.replies()) writeReply(w, sub);
        } else if (reply instanceof ShardReply.Status s) {
            w.u8(0x26).i64(s.appliedTerm()).i64(s.appliedIndex()).i64(s.approximateSizeBytes());
        } else if (reply instanceof ShardReply.Meta m) {
            w.u8(0x27).bytes(m.value());
        } else if (reply instanceof ShardReply.MetaEntries m) {
            w.u8(0x28).i32(m.entries().size());
            m.entries().forEach((name, value) -> w.string(name).bytes(value));
        } else if (reply instanceof ShardReply.Locks l) {
            w.u8(0x29).i32(l.locks().size());
            for (LockEntry e : l.locks()) writeLock(w.bytes(e.key()), e.lock());
        } else if (reply instanceof ShardReply.Timestamps t) {
            w.u8(0x2A).i64(t.first()).i32(t.count()).u8(t.read() == null ? 0 : 1);
            if (t.read() != null) writeValue(w, t.read());
        } else if (reply instanceof ShardReply.Counter c) {
            w.u8(0x2B).i64(c.value());
        } else {
            throw new IllegalStateException("unencodable reply " + reply);
        }
    }

    private static ShardReply readReply(ByteReader r, int tag) {
        return switch (tag) {
            case 0x21 -> ShardReply.DONE;
            case 0x22 -> {
                ErrorCode code = ErrorCode.ofNumber(r.i32());
                String msg = r.string();
                byte[] lockedKey = r.bytes();
                Lock lock = r.u8() == 1 ? readLock(r) : null;
                yield new ShardReply.Failed(code, msg, lockedKey, lock);
            }
            case 0x23 -> readValue(r);
            case 0x24 -> {
                int n = r.count(16);
                List<KvEntry> es = new ArrayList<>(n);
                for (int i = 0; i < n; i++) es.add(readEntry(r));
                yield new ShardReply.Entries(es, r.bytes());
            }
            case 0x25 -> {
                int n = r.count(1);
                List<ShardReply> rs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) rs.add(readReply(r, r.u8()));
                yield new ShardReply.Batched(rs);
            }
            case 0x26 -> new ShardReply.Status(r.i64(), r.i64(), r.i64());
            case 0x27 -> new ShardReply.Meta(r.bytes());
            case 0x28 -> {
                int n = r.count(8);
                java.util.SortedMap<String, byte[]> entries = new java.util.TreeMap<>();
                for (int i = 0; i < n; i++) entries.put(r.string(), nonNull(r.bytes(), "value"));
                yield new ShardReply.MetaEntries(entries);
            }
            case 0x29 -> {
                int n = r.count(24);
                List<LockEntry> locks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) locks.add(new LockEntry(nonNull(r.bytes(), "key"), readLock(r)));
                yield new ShardReply.Locks(locks);
            }
            case 0x2A -> {
                long first = r.i64();
                int count = r.i32();
                yield new ShardReply.Timestamps(first, count, r.u8() == 0 ? null : readValue(r));
            }
            case 0x2B -> new ShardReply.Counter(r.i64());
            default -> throw bad("unknown reply tag 0x" + Integer.toHexString(tag));
        };
    }

    private static void writeValue(ByteWriter w, ShardReply.Value v) {
        w.u8(v.entry() == null ? 0 : 1);
        if (v.entry() != null) writeEntry(w, v.entry());
    }

    private static ShardReply.Value readValue(ByteReader r) {
        return new ShardReply.Value(r.u8() == 1 ? readEntry(r) : null);
    }

    private static void writeEntry(ByteWriter w, KvEntry e) {
        w.bytes(e.key()).bytes(e.value()).i64(e.commitTs());
    }

    private static KvEntry readEntry(ByteReader r) {
        return new KvEntry(nonNull(r.bytes(), "key"), r.bytes(), r.i64());
    }

    private static void writeLock(ByteWriter w, Lock l) {
        w.u8(l.mode().ordinal()).i64(l.startTs()).bytes(l.owner()).bytes(l.value()).i64(l.ttlMillis())
                .i32(l.sharers().size());
        for (Lock s : l.sharers()) w.i64(s.startTs()).bytes(s.owner()).i64(s.ttlMillis());
    }

    private static Lock readLock(ByteReader r) {
        Lock.Mode mode = lockMode(r.u8());
        long startTs = r.i64();
        byte[] owner = nonNull(r.bytes(), "owner");
        byte[] value = r.bytes();
        long ttl = r.i64();
        int n = r.count(8);
        List<Lock> sharers = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long ts = r.i64();
            byte[] o = nonNull(r.bytes(), "owner");
            sharers.add(guard(() -> Lock.rowLock(ts, o, r.i64(), Lock.Mode.SHARED)));
        }
        return guard(() -> new Lock(startTs, owner, value, ttl, mode, sharers));
    }

    private static Lock.Mode lockMode(int ordinal) {
        if (ordinal >= Lock.Mode.values().length) throw bad("unknown lock mode " + ordinal);
        return Lock.Mode.values()[ordinal];
    }

    // ---- helpers -----------------------------------------------------------------------------

    private static ByteReader header(byte[] data) {
        ByteReader r = new ByteReader(data);
        int format = r.u8();
        if (format != FORMAT) throw bad("unsupported message format " + format);
        return r;
    }

    /** Record constructors reject bad values with IllegalArgumentException: report those as bad commands too. */
    private static <T> T guard(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw bad(e.getMessage());
        }
    }

    private static byte[] nonNull(byte[] b, String what) {
        if (b == null) throw bad(what + " is null");
        return b;
    }

    private static String nonNullString(ByteReader r, String what) {
        String s = r.string();
        if (s == null) throw bad(what + " is null");
        return s;
    }

    private static ShardSqlException bad(String msg) {
        return new ShardSqlException(ErrorCode.BAD_COMMAND, "malformed shard message: " + msg);
    }
}
