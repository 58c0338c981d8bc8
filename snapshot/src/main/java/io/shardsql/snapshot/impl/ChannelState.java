package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.BackupManifest;
import io.shardsql.storage.Lock;
import io.shardsql.storage.raft.GroupName;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The channel state of a cut: for every transaction holding a lock in a part, whether it is in the
 * backup (ARCHITECTURE §5, docs/backup.md):
 *
 * <pre>
 *   lock owner (TxnOwner bytes)        outcome
 *   0x02 | k (i32): coordinator k      in at c, if coord-k's part holds a commit decision c &lt; S
 *                                      (decision/&lt;startTs&gt;); out otherwise (none, an abort, c ≥ S)
 *   0x01: the shard's own log          out: its CommitLocal was fenced above S; the manifest names the
 *                                      part's own group as its owner (as {@code backup verify} expects)
 *   start_ts ≥ S                       out
 * </pre>
 */
public final class ChannelState {
    private static final byte LOCAL = 0x01;
    private static final byte COORDINATOR = 0x02;

    private final long cutTs;
    /** Per coordinator index: the decisions in its part, start_ts → commit_ts (0: aborted). */
    private final Map<Integer, Map<Long, Long>> decisions;
    private final TreeMap<Long, BackupManifest.InFlight> transactions = new TreeMap<>();

    /** @param decisions per coordinator index, the decisions its part holds (start_ts → commit_ts, 0 aborted) */
    public ChannelState(long cutTs, Map<Integer, Map<Long, Long>> decisions) {
        this.cutTs = cutTs;
        this.decisions = decisions;
    }

    /** The outcome of the transaction that holds {@code lock} in {@code group}'s part (and records it). */
    public BackupManifest.InFlight settle(GroupName group, Lock lock) {
        BackupManifest.InFlight t = transactions.get(lock.startTs());
        if (t != null) return t;
        t = outcome(group, lock);
        transactions.put(lock.startTs(), t);
        return t;
    }

    private BackupManifest.InFlight outcome(GroupName part, Lock lock) {
        byte[] owner = lock.owner();
        if (owner.length == 1 && owner[0] == LOCAL) {
            return new BackupManifest.InFlight(lock.startTs(), part.toString(), false, 0);
        }
        if (owner.length != 5 || owner[0] != COORDINATOR) {
            throw new IllegalArgumentException("unknown lock owner of " + owner.length + " bytes");
        }
        int k = ByteBuffer.wrap(owner, 1, 4).getInt();
        String group = GroupName.coord(k).toString();
        Long c = decisions.getOrDefault(k, Map.of()).get(lock.startTs());
        boolean in = lock.startTs() < cutTs && c != null && c > 0 && c < cutTs;
        return new BackupManifest.InFlight(lock.startTs(), group, in, in ? c : 0);
    }

    /** Every transaction settled so far, by start timestamp. */
    public List<BackupManifest.InFlight> transactions() {
        return new ArrayList<>(transactions.values());
    }
}
