package io.shardsql.snapshot.restore;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a staged copy of a backup's part into the state its group starts from in the restored cluster:
 * exactly the transactions that committed below the cut {@code S}, and nothing that ties it to the
 * source cluster's logs.
 * <ol>
 *   <li>versions with {@code commitTs >= S} are dropped ({@link MvccStore#dropVersionsFrom});</li>
 *   <li>every lock is settled by the manifest's {@code txn} lines: {@code in} becomes a version at its
 *       commit timestamp, {@code out} is removed (a lock the manifest does not list is
 *       {@code BACKUP_DAMAGED}: the backup was to be verified first);</li>
 *   <li>{@code snapshot.*} meta values go (else the fence refuses the new cluster's bootstrap writes
 *       below {@code S}), and the applied index is reset to none (else the state machine skips the new
 *       log's first entries);</li>
 *   <li>in {@code control}: the shard map becomes the target cluster's (same shard count, else
 *       {@code CONFIG_INVALID}); {@code \0sys/txn-active/*} (the source's open transactions) and
 *       {@code \0sys/snapshot/*} (its snapshot registry) are deleted; {@code tso.limit} is kept, raised to
 *       {@code S} if below, so the new cluster's timestamps start above the cut.</li>
 * </ol>
 * Garbage-collection state ({@code gc.safe-point}, candidates) is kept as it is: it is below {@code S}.
 */
public final class CutNormalizer {
    /** Locks settled per batch. */
    static final int LOCK_PAGE = 10_000;
    /** The meta value of the timestamp oracle's limit in {@code control} (txn's {@code TxnReplica}). */
    static final String TIMESTAMP_LIMIT = "tso.limit";
    static final String SNAPSHOT_META = "snapshot.";
    static final List<byte[]> DELETED_PREFIXES = List.of(utf8("\0sys/txn-active/"), utf8("\0sys/snapshot/"));

    /** What normalizing one part did. */
    public record Outcome(long versionsDropped, long locksIn, long locksOut, long systemKeysDeleted,
                          boolean shardMapRewritten) {
        /** One line for the progress report. */
        public String describe() {
            return locksIn + " locks in, " + locksOut + " out, " + versionsDropped + " versions at or above the cut "
                    + "dropped" + (shardMapRewritten ? ", shard map rewritten for the target members" : "")
                    + (systemKeysDeleted > 0 ? ", " + systemKeysDeleted + " system keys deleted" : "");
        }
    }

    private final BackupManifest manifest;
    private final ShardMap target;
    private final Map<Long, BackupManifest.InFlight> txns = new HashMap<>();

    public CutNormalizer(BackupManifest manifest, ShardMap target) {
        this.manifest = manifest;
        this.target = target;
        for (BackupManifest.InFlight t : manifest.inFlight()) txns.put(t.startTs(), t);
    }

    /** Normalizes {@code store}, the staged part of {@code group}; nothing else may write to it meanwhile. */
    public Outcome normalize(GroupName group, MvccStore store) {
        long cut = manifest.cutTs();
        long dropped = store.dropVersionsFrom(cut);
        long[] settled = settleLocks(group, store);
        long deleted = 0;
        boolean rewritten = false;
        if (group.equals(GroupName.CONTROL)) {
            rewritten = rewriteShardMap(store);
            deleted = deleteSystemKeys(store);
        }
        try (MvccBatch batch = store.newBatch()) {
            for (String name : store.metaScan(SNAPSHOT_META, Integer.MAX_VALUE).keySet()) batch.deleteMeta(name);
            if (group.equals(GroupName.CONTROL)) {
                long limit = batch.meta(TIMESTAMP_LIMIT).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
                if (limit < cut) batch.putMeta(TIMESTAMP_LIMIT, ByteBuffer.allocate(Long.BYTES).putLong(cut).array());
            }
            batch.setAppliedIndex(AppliedIndex.NONE.term(), AppliedIndex.NONE.index());
            batch.commit();
        }
        return new Outcome(dropped, settled[0], settled[1], deleted, rewritten);
    }

    /** Settles every lock, a page per batch; returns {in, out}. */
    private long[] settleLocks(GroupName group, MvccStore store) {
        long in = 0;
        long out = 0;
        while (true) {
            List<LockEntry> page = store.scanLocks(new byte[0], null, LOCK_PAGE);
            if (page.isEmpty()) return new long[] {in, out};
            try (MvccBatch batch = store.newBatch()) {
                for (LockEntry e : page) {
                    for (Lock holder : e.lock().holders()) { // a shared row lock has several
                        BackupManifest.InFlight t = txns.get(holder.startTs());
                        if (t == null) {
                            throw new ShardSqlException(ErrorCode.BACKUP_DAMAGED, "a lock in part " + group
                                    + " belongs to transaction " + holder.startTs()
                                    + ", which the manifest does not list");
                        }
                        if (t.in() && holder.isWrite()) { // a row lock never becomes data
                            batch.writeVersion(e.key(), t.commitTs(), holder.value());
                            batch.markGarbageCandidate(e.key());
                            in++;
                        } else {
                            out++;
                        }
                    }
                    batch.removeLock(e.key());
                }
                batch.commit();
            }
        }
    }

    /** Puts the target's shard map in place of the source's; false if it is the same already. */
    private boolean rewriteShardMap(MvccStore store) {
        byte[] encoded = target.encode();
        Optional<KvEntry> current = store.get(ShardMap.CONTROL_KEY, Long.MAX_VALUE);
        if (current.isPresent()) {
            ShardMap source = ShardMap.decode(current.get().value());
            if (source.shardCount() != target.shardCount()) {
                throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "the backup's cluster has "
                        + source.shardCount() + " shards and the target " + target.shardCount()
                        + ": a restore needs the same shard count");
            }
            if (Arrays.equals(current.get().value(), encoded)) return false;
        }
        try (MvccBatch batch = store.newBatch()) {
            // ClusterBootstrap publishes at timestamp 1 and then only compares; overwrite the newest version.
            batch.writeVersion(ShardMap.CONTROL_KEY, Math.max(1, store.latestCommitTs(ShardMap.CONTROL_KEY)), encoded);
            batch.markGarbageCandidate(ShardMap.CONTROL_KEY);
            batch.commit();
        }
        return true;
    }

    /** Deletes the source cluster's open-transaction and snapshot-registry keys; returns how many. */
    private static long deleteSystemKeys(MvccStore store) {
        long deleted = 0;
        for (byte[] prefix : DELETED_PREFIXES) {
            byte[] end = Arrays.copyOf(prefix, prefix.length);
            end[end.length - 1]++;
            List<KvEntry> keys = store.scan(prefix, end, Long.MAX_VALUE, Integer.MAX_VALUE);
            if (keys.isEmpty()) continue;
            try (MvccBatch batch = store.newBatch()) {
                for (KvEntry e : keys) {
                    batch.writeVersion(e.key(), e.commitTs(), null); // a delete over the newest version
                    batch.markGarbageCandidate(e.key());
                }
                batch.commit();
            }
            deleted += keys.size();
        }
        return deleted;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
