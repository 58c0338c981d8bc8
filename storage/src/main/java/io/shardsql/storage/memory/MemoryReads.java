package io.shardsql.storage.memory;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccReader;
import io.shardsql.storage.ScanPage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The visibility rules of {@link MvccReader} over a {@link Source}, as the RocksDB store applies them:
 * the newest version with {@code commitTs <= readTs} is visible, a delete hides the key, and a lock of
 * another transaction with {@code startTs <= readTs} stops the read with {@link KeyLockedException}
 * (a lock at {@code readTs} is the reader's own and, like locks above it, is ignored). A page counts
 * the visible entries it examined and the bytes it returns, and checks locks over the part of the
 * range it covers.
 */
final class MemoryReads {
    private MemoryReads() {}

    static Optional<KvEntry> get(Source source, byte[] key, long readTs) {
        checkReadTs(readTs);
        Lock lock = source.lock(key);
        if (lock != null && blocks(lock, readTs)) throw new KeyLockedException(key, lock);
        Map.Entry<Long, byte[]> visible = visible(source.versions(key), readTs);
        if (visible == null || visible.getValue() == null) return Optional.empty();
        return Optional.of(new KvEntry(key.clone(), visible.getValue().clone(), visible.getKey()));
    }

    static List<KvEntry> scan(Source source, byte[] start, byte[] end, long readTs, int limit) {
        return scan(source, start, end, readTs, limit, EntryFilter.ALL, limit, Long.MAX_VALUE).entries();
    }

    static ScanPage scan(Source source, byte[] start, byte[] end, long readTs, int limit, EntryFilter filter,
            int examineLimit) {
        return scan(source, start, end, readTs, limit, filter, examineLimit, MvccReader.PAGE_BYTES);
    }

    private static ScanPage scan(Source source, byte[] start, byte[] end, long readTs, int limit, EntryFilter filter,
                                 int examineLimit, long maxBytes) {
        checkReadTs(readTs);
        if (limit <= 0 || examineLimit <= 0 || (end != null && Bytes.compare(start, end) >= 0)) {
            return new ScanPage(List.of(), null);
        }
        List<KvEntry> out = new ArrayList<>(Math.min(limit, 256));
        byte[] lastExamined = null;
        int examined = 0;
        long bytes = 0;
        byte[] key = source.nextVersionedKey(start, true);
        while (out.size() < limit && examined < examineLimit && bytes < maxBytes && key != null) {
            if (end != null && Bytes.compare(key, end) >= 0) break;
            Map.Entry<Long, byte[]> visible = visible(source.versions(key), readTs);
            if (visible != null && visible.getValue() != null) {
                examined++;
                lastExamined = key;
                byte[] value = visible.getValue().clone();
                if (filter.keep(key, value)) {
                    byte[] shaped = filter.shape(value);
                    out.add(new KvEntry(key.clone(), shaped, visible.getKey()));
                    bytes += key.length + shaped.length;
                }
            }
            key = source.nextVersionedKey(key, false);
        }
        byte[] resume = out.size() == limit || examined == examineLimit || bytes >= maxBytes ? successor(lastExamined)
                : null;
        checkLocks(source, start, resume != null ? resume : end, readTs);
        return new ScanPage(out, resume);
    }

    static Optional<Lock> lock(Source source, byte[] key) {
        return Optional.ofNullable(source.lock(key));
    }

    static List<LockEntry> scanLocks(Source source, byte[] start, byte[] end, int limit) {
        List<LockEntry> out = new ArrayList<>();
        for (Iterator<LockEntry> it = source.locks(start, end); it.hasNext() && out.size() < limit; ) {
            LockEntry e = it.next();
            out.add(new LockEntry(e.key().clone(), e.lock()));
        }
        return out;
    }

    static long latestCommitTs(Source source, byte[] key) {
        var versions = source.versions(key);
        return versions.isEmpty() ? 0 : versions.firstKey();
    }

    static byte[] firstChangedKey(Source source, byte[] start, byte[] end, long afterTs, long upToTs) {
        if (upToTs <= afterTs || (end != null && Bytes.compare(start, end) >= 0)) return null;
        for (byte[] key = source.nextVersionedKey(start, true); key != null;
             key = source.nextVersionedKey(key, false)) {
            if (end != null && Bytes.compare(key, end) >= 0) return null;
            Map.Entry<Long, byte[]> newest = visible(source.versions(key), upToTs);
            if (newest != null && newest.getKey() > afterTs) return key.clone();
        }
        return null;
    }

    /** The newest version at or below {@code readTs}, or null. */
    private static Map.Entry<Long, byte[]> visible(java.util.NavigableMap<Long, byte[]> newestFirst, long readTs) {
        return newestFirst.ceilingEntry(readTs);
    }

    /** Whether a read at {@code readTs} must not guess past {@code lock}. */
    private static boolean blocks(Lock lock, long readTs) {
        return lock.isWrite() && lock.startTs() <= readTs && lock.startTs() != readTs;
    }

    private static void checkLocks(Source source, byte[] start, byte[] end, long readTs) {
        for (Iterator<LockEntry> it = source.locks(start, end); it.hasNext(); ) {
            LockEntry e = it.next();
            if (blocks(e.lock(), readTs)) throw new KeyLockedException(e.key(), e.lock());
        }
    }

    /** The smallest key after {@code key}. */
    static byte[] successor(byte[] key) {
        byte[] out = new byte[key.length + 1];
        System.arraycopy(key, 0, out, 0, key.length);
        return out;
    }

    private static void checkReadTs(long readTs) {
        if (readTs < 0) throw new IllegalArgumentException("readTs must not be negative: " + readTs);
    }
}
