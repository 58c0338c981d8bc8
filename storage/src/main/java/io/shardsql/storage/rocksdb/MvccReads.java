package io.shardsql.storage.rocksdb;

import io.shardsql.storage.Bytes;
import io.shardsql.storage.KeyLockedException;
import io.shardsql.storage.EntryFilter;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.MvccReader;
import io.shardsql.storage.ScanPage;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.RocksDBException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The visibility rules of {@link io.shardsql.storage.MvccReader}, applied to one {@link ReadView}:
 * the newest version with {@code commitTs <= readTs} is visible, a delete hides the key, and a lock of
 * another transaction with {@code startTs <= readTs} stops the read with {@link KeyLockedException}
 * (the lock with {@code startTs == readTs} is the reader's own and is ignored, like locks above
 * {@code readTs}).
 */
final class MvccReads {
    private final ColumnFamilies families;

    MvccReads(ColumnFamilies families) {
        this.families = families;
    }

    Optional<KvEntry> get(ReadView view, byte[] key, long readTs) throws RocksDBException {
        checkReadTs(readTs);
        Optional<Lock> lock = lock(view, key);
        if (lock.isPresent() && blocks(lock.get(), readTs)) throw new KeyLockedException(key, lock.get());
        try (RangeIterator it = view.iterate(families.versions(), VersionKeys.pastVersions(key))) {
            it.seek(VersionKeys.seekKey(key, readTs));
            if (!it.valid() || !VersionKeys.hasPrefix(it.key(), VersionKeys.keyPrefix(key))) return Optional.empty();
            byte[] value = VersionValues.decode(it.value());
            return value == null ? Optional.empty()
                    : Optional.of(new KvEntry(key.clone(), value, VersionKeys.commitTs(it.key())));
        }
    }

    /**
     * One pass over the versions in range: for each user key, seek straight to its newest version at
     * or below {@code readTs}, take it, then step (or seek) past its older versions. Locks are checked
     * on the same snapshot over the part of the range the result covers.
     */
    List<KvEntry> scan(ReadView view, byte[] start, byte[] end, long readTs, int limit) throws RocksDBException {
        return scan(view, start, end, readTs, limit, EntryFilter.ALL, limit, Long.MAX_VALUE).entries();
    }

    ScanPage scan(ReadView view, byte[] start, byte[] end, long readTs, int limit, EntryFilter filter, int examineLimit)
            throws RocksDBException {
        return scan(view, start, end, readTs, limit, filter, examineLimit, MvccReader.PAGE_BYTES);
    }

    private ScanPage scan(ReadView view, byte[] start, byte[] end, long readTs, int limit, EntryFilter filter,
                          int examineLimit, long maxBytes) throws RocksDBException {
        checkReadTs(readTs);
        if (limit <= 0 || examineLimit <= 0 || (end != null && Bytes.compare(start, end) >= 0)) {
            return new ScanPage(List.of(), null);
        }
        List<KvEntry> out = new ArrayList<>(Math.min(limit, 256));
        byte[] lastExamined = null;
        int examined = 0;
        long bytes = 0;
        try (RangeIterator it = view.iterate(families.versions(), end == null ? null : VersionKeys.keyPrefix(end))) {
            it.seek(VersionKeys.seekKey(start, readTs));
            while (out.size() < limit && examined < examineLimit && bytes < maxBytes && it.valid()) {
                byte[] versionKey = it.key();
                byte[] userKey = VersionKeys.userKey(versionKey);
                if (end != null && Bytes.compare(userKey, end) >= 0) break;
                long commitTs = VersionKeys.commitTs(versionKey);
                if (commitTs > readTs) {
                    it.seek(VersionKeys.seekKey(userKey, readTs));
                    continue;
                }
                byte[] value = VersionValues.decode(it.value());
                if (value != null) {
                    examined++;
                    lastExamined = userKey;
                    if (filter.keep(userKey, value)) {
                        byte[] shaped = filter.shape(value);
                        out.add(new KvEntry(userKey, shaped, commitTs));
                        bytes += userKey.length + shaped.length;
                    }
                }
                skipOlderVersions(it, versionKey, userKey);
            }
        }
        byte[] resume = out.size() == limit || examined == examineLimit || bytes >= maxBytes
                ? successor(lastExamined) : null;
        checkLocks(view, start, resume != null ? resume : end, readTs);
        return new ScanPage(out, resume);
    }

    /**
     * Counts the user keys of {@code [start, end)} whose newest version at or below {@code readTs} is a
     * put, reading keys into one reused buffer and one byte of each deciding value: nothing is allocated
     * per version, so a count runs at the iterator's speed rather than at the copying of values.
     */
    long countLive(ReadView view, byte[] start, byte[] end, long readTs) throws RocksDBException {
        checkReadTs(readTs);
        if (end != null && Bytes.compare(start, end) >= 0) return 0;
        long count = 0;
        byte[] key = new byte[256];
        byte[] decided = new byte[256];
        int decidedPrefix = -1;
        byte[] type = new byte[1];
        try (RangeIterator it = view.iterate(families.versions(), end == null ? null : VersionKeys.keyPrefix(end))) {
            for (it.seek(VersionKeys.seekKey(start, readTs)); it.valid(); it.next()) {
                int length = it.key(key);
                if (length > key.length) {
                    key = new byte[Math.max(length, 2 * key.length)];
                    it.key(key);
                }
                int prefix = length - VersionKeys.TS_BYTES;
                if (prefix == decidedPrefix && Arrays.equals(key, 0, prefix, decided, 0, prefix)) continue;
                if (VersionKeys.commitTs(key, length) > readTs) continue;
                if (it.value(type) == 0) throw RocksErrors.corrupted("empty version value");
                if (VersionValues.isPut(type[0])) count++;
                if (decided.length < prefix) decided = new byte[key.length];
                System.arraycopy(key, 0, decided, 0, prefix);
                decidedPrefix = prefix;
            }
        }
        checkLocks(view, start, end, readTs);
        return count;
    }

    Optional<Lock> lock(ReadView view, byte[] key) throws RocksDBException {
        byte[] stored = view.get(families.locks(), key);
        return stored == null ? Optional.empty() : Optional.of(LockCodec.decode(stored));
    }

    List<LockEntry> scanLocks(ReadView view, byte[] start, byte[] end, int limit) throws RocksDBException {
        List<LockEntry> out = new ArrayList<>();
        if (limit <= 0) return out;
        try (RangeIterator it = view.iterate(families.locks(), end)) {
            for (it.seek(start); it.valid() && out.size() < limit; it.next()) {
                byte[] key = it.key();
                if (end != null && Bytes.compare(key, end) >= 0) break;
                out.add(new LockEntry(key, LockCodec.decode(it.value())));
            }
        }
        return out;
    }

    /** Named meta values whose names start with {@code prefix} and sort after {@code after} (null: all). */
    SortedMap<String, byte[]> metaScan(ReadView view, ColumnFamilyHandle meta, String prefix, String after, int limit)
            throws RocksDBException {
        SortedMap<String, byte[]> out = new TreeMap<>();
        byte[] from = MetaLayout.namedKey(prefix);
        boolean resume = after != null && after.compareTo(prefix) >= 0;
        try (RangeIterator it = view.iterate(meta, null)) {
            for (it.seek(resume ? MetaLayout.namedKey(after) : from); it.valid() && out.size() < limit; it.next()) {
                byte[] key = it.key();
                if (!startsWith(key, from)) break;
                String name = MetaLayout.name(key);
                if (resume && name.equals(after)) continue;
                out.put(name, it.value());
            }
        }
        return out;
    }

    long latestCommitTs(ReadView view, byte[] key) throws RocksDBException {
        try (RangeIterator it = view.iterate(families.versions(), VersionKeys.pastVersions(key))) {
            byte[] prefix = VersionKeys.keyPrefix(key);
            it.seek(prefix);
            return it.valid() && VersionKeys.hasPrefix(it.key(), prefix) ? VersionKeys.commitTs(it.key()) : 0;
        }
    }

    byte[] firstChangedKey(ReadView view, byte[] start, byte[] end, long afterTs, long upToTs)
            throws RocksDBException {
        if (upToTs <= afterTs || (end != null && Bytes.compare(start, end) >= 0)) return null;
        try (RangeIterator it = view.iterate(families.versions(), end == null ? null : VersionKeys.keyPrefix(end))) {
            it.seek(VersionKeys.seekKey(start, upToTs));
            while (it.valid()) {
                byte[] versionKey = it.key();
                byte[] userKey = VersionKeys.userKey(versionKey);
                if (end != null && Bytes.compare(userKey, end) >= 0) return null;
                long commitTs = VersionKeys.commitTs(versionKey);
                if (commitTs > upToTs) { // newer than the window: look at the newest version inside it
                    it.seek(VersionKeys.seekKey(userKey, upToTs));
                    continue;
                }
                if (commitTs > afterTs) return userKey;
                it.seek(VersionKeys.pastVersions(userKey));
            }
        }
        return null;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether a read at {@code readTs} must not guess past {@code lock}. */
    static boolean blocks(Lock lock, long readTs) {
        return lock.isWrite() && lock.startTs() <= readTs && lock.startTs() != readTs;
    }

    /** Most keys have one version: step once, and seek only if older versions follow. */
    private static void skipOlderVersions(RangeIterator it, byte[] versionKey, byte[] userKey) throws RocksDBException {
        it.next();
        if (it.valid() && VersionKeys.sameUserKey(it.key(), versionKey)) it.seek(VersionKeys.pastVersions(userKey));
    }

    private void checkLocks(ReadView view, byte[] start, byte[] end, long readTs) throws RocksDBException {
        try (RangeIterator it = view.iterate(families.locks(), end)) {
            for (it.seek(start); it.valid(); it.next()) {
                byte[] key = it.key();
                if (end != null && Bytes.compare(key, end) >= 0) return;
                Lock lock = LockCodec.decode(it.value());
                if (blocks(lock, readTs)) throw new KeyLockedException(key, lock);
            }
        }
    }

    /** The smallest key after {@code key}. */
    private static byte[] successor(byte[] key) {
        byte[] out = new byte[key.length + 1];
        System.arraycopy(key, 0, out, 0, key.length);
        return out;
    }

    private static void checkReadTs(long readTs) {
        if (readTs < 0) throw new IllegalArgumentException("readTs must not be negative: " + readTs);
    }
}
