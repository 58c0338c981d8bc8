package io.shardsql.snapshot.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.keys.KeyRanges;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's snapshots, kept in {@code control} under the system prefix and changed in transactions
 * (first committer wins), so that one snapshot runs at a time whichever node runs it:
 *
 * <pre>
 * \0sys/snapshot/epoch       → the last epoch claimed (8 bytes)
 * \0sys/snapshot/running     → the name of the RUNNING snapshot (absent when none runs)
 * \0sys/snapshot/s/&lt;name&gt;    → its record ({@link SnapshotRecords})
 * </pre>
 *
 * A claim reads and writes {@code epoch} and {@code running}, so of two claims at once one commits and
 * the other, retried, finds the first RUNNING ({@code OBJECT_IN_USE}, 55006). A RUNNING record is
 * abandoned (its node died) when its node restarts ({@link #reclaim}: it marks its own RUNNING records
 * FAILED) or, if that node does not come back, when it is older than twice the snapshot timeout: the next
 * claim marks it FAILED and goes ahead. DROP SNAPSHOT marks a record DROPPING before it deletes the
 * files ({@link #beginDrop}) and removes it after, so a record never points at deleted files without
 * saying so.
 */
public final class SnapshotRegistry {
    static final byte[] EPOCH = utf8("\0sys/snapshot/epoch");
    static final byte[] RUNNING = utf8("\0sys/snapshot/running");
    static final String RECORD_PREFIX = "\0sys/snapshot/s/";
    private static final int ATTEMPTS = 10;

    private final TransactionManager txns;
    private final Clock clock;

    public SnapshotRegistry(TransactionManager txns, Clock clock) {
        this.txns = txns;
        this.clock = clock;
    }

    /**
     * Claims the next epoch for a snapshot by {@code node} into {@code root}, named {@code name} or, if
     * empty, {@code snap-<epoch>}; returns its RUNNING record. Refuses while another snapshot runs (55006),
     * a bad name (42602) or a taken one (42710), changing nothing.
     */
    public SnapshotInfo claim(Optional<String> name, String node, BackupRoot root, Duration timeout) {
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            Optional<byte[]> running = tx.get(RUNNING);
            if (running.isPresent()) {
                Optional<SnapshotInfo> other = find(tx, str(running.get()));
                if (other.isPresent() && other.get().state() == SnapshotState.RUNNING) {
                    SnapshotInfo o = other.get();
                    if (o.started().plus(timeout.multipliedBy(2)).isAfter(clock.instant())) {
                        throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "snapshot '" + o.name()
                                + "' (epoch " + o.epoch() + ") is running on node " + o.node()
                                + "; one snapshot runs at a time");
                    }
                    put(tx, ended(o, SnapshotState.FAILED, "abandoned: its node did not finish it"));
                }
            }
            long epoch = tx.get(EPOCH).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L) + 1;
            String n = name.orElse("snap-" + epoch);
            root.resolve(n);
            if (find(tx, n).isPresent()) {
                throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT, "a snapshot named '" + n + "' already exists");
            }
            String dir = root.newBackup(n).toString();
            SnapshotInfo info = new SnapshotInfo(n, node, dir, epoch, 0, SnapshotState.RUNNING, 0, 0, 0, -1,
                    clock.instant(), null, null);
            tx.put(EPOCH, ByteBuffer.allocate(Long.BYTES).putLong(epoch).array());
            tx.put(RUNNING, utf8(n));
            put(tx, info);
            return info;
        });
    }

    /**
     * After {@code node} restarted: marks FAILED each of its RUNNING records that began before
     * {@code since} (nothing of the process that claimed them runs any more) and frees the running slot;
     * returns every FAILED record of {@code node}, those included (their directories may be removed).
     */
    public List<SnapshotInfo> reclaim(String node, Instant since) {
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            List<SnapshotInfo> out = new ArrayList<>();
            Optional<String> running = tx.get(RUNNING).map(SnapshotRegistry::str);
            byte[] start = utf8(RECORD_PREFIX);
            for (Iterator<KvEntry> it = tx.scan(start, KeyRanges.prefixEnd(start)); it.hasNext(); ) {
                SnapshotInfo s = SnapshotRecords.decode(it.next().value());
                boolean mine = s.node().equals(node);
                if (!mine || s.state() != SnapshotState.RUNNING && s.state() != SnapshotState.FAILED) continue;
                if (s.state() == SnapshotState.RUNNING) {
                    if (!s.started().isBefore(since)) continue;
                    s = ended(s, SnapshotState.FAILED, "abandoned: node " + node + " restarted while it ran");
                    put(tx, s);
                    if (running.filter(s.name()::equals).isPresent()) tx.delete(RUNNING);
                }
                out.add(s);
            }
            return out;
        });
    }

    /** Records the progress of the RUNNING snapshot {@code info} (its cut, parts and bytes so far). */
    public void progress(SnapshotInfo info) {
        if (info.state() != SnapshotState.RUNNING) throw new IllegalArgumentException("not running: " + info);
        txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            Optional<SnapshotInfo> now = find(tx, info.name());
            if (now.isEmpty() || now.get().state() != SnapshotState.RUNNING) {
                throw new ShardSqlException(ErrorCode.INTERNAL,
                        "snapshot '" + info.name() + "' is no longer running");
            }
            put(tx, info);
            return null;
        });
    }

    /** Ends {@code info} COMPLETE or FAILED (with {@code error}) and frees the running slot. */
    public SnapshotInfo finish(SnapshotInfo info, SnapshotState state, String error) {
        SnapshotInfo done = ended(info, state, error);
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            Optional<SnapshotInfo> now = find(tx, info.name());
            if (now.isPresent() && !now.get().state().canMoveTo(state)) {
                throw new ShardSqlException(ErrorCode.INTERNAL, "snapshot '" + info.name() + "' is already "
                        + now.get().state());
            }
            put(tx, done);
            if (tx.get(RUNNING).map(SnapshotRegistry::str).filter(info.name()::equals).isPresent()) {
                tx.delete(RUNNING);
            }
            return done;
        });
    }

    /** Every snapshot recorded, by epoch. */
    public List<SnapshotInfo> list() {
        return txns.run(TxnMode.READ_ONLY, ATTEMPTS, tx -> {
            List<SnapshotInfo> all = new ArrayList<>();
            byte[] start = utf8(RECORD_PREFIX);
            for (Iterator<KvEntry> it = tx.scan(start, KeyRanges.prefixEnd(start)); it.hasNext(); ) {
                all.add(SnapshotRecords.decode(it.next().value()));
            }
            all.sort(Comparator.comparingLong(SnapshotInfo::epoch));
            return all;
        });
    }

    /** The record of {@code name}, if any. */
    public Optional<SnapshotInfo> find(String name) {
        return txns.run(TxnMode.READ_ONLY, ATTEMPTS, tx -> find(tx, name));
    }

    /**
     * Marks {@code name} DROPPING (its files are about to be deleted) and returns its record as it was:
     * no snapshot of that name is {@code UNDEFINED_OBJECT} (42704), a RUNNING one {@code OBJECT_IN_USE}
     * (55006), and neither changes anything. A DROPPING record may be dropped again (a retry).
     */
    public SnapshotInfo beginDrop(String name) {
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            SnapshotInfo s = find(tx, name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_OBJECT,
                    "no snapshot named '" + name + "'"));
            if (!s.state().canMoveTo(SnapshotState.DROPPING)) {
                throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "snapshot '" + name + "' is running");
            }
            put(tx, with(s, SnapshotState.DROPPING, s.ended(), s.error()));
            return s;
        });
    }

    /** Puts back {@code before} (what {@link #beginDrop} returned) if its record is still DROPPING. */
    public void undoDrop(SnapshotInfo before) {
        txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            Optional<SnapshotInfo> now = find(tx, before.name());
            if (now.isPresent() && now.get().state() == SnapshotState.DROPPING) put(tx, before);
            return null;
        });
    }

    /** Keeps {@code name} DROPPING with {@code why} its files could not all be deleted. */
    public void dropBrokeOff(String name, String why) {
        txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            Optional<SnapshotInfo> now = find(tx, name);
            if (now.isPresent() && now.get().state() == SnapshotState.DROPPING) {
                put(tx, with(now.get(), SnapshotState.DROPPING, now.get().ended(), why));
            }
            return null;
        });
    }

    /** Deletes the record of {@code name}, which must not be RUNNING; returns what it was. */
    public SnapshotInfo remove(String name) {
        return txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            SnapshotInfo s = find(tx, name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_OBJECT,
                    "no snapshot named '" + name + "'"));
            if (s.state() == SnapshotState.RUNNING) {
                throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "snapshot '" + name + "' is running");
            }
            tx.delete(key(name));
            return s;
        });
    }

    private SnapshotInfo ended(SnapshotInfo s, SnapshotState state, String error) {
        return with(s, state, clock.instant(), error);
    }

    private static SnapshotInfo with(SnapshotInfo s, SnapshotState state, Instant ended, String error) {
        return new SnapshotInfo(s.name(), s.node(), s.directory(), s.epoch(), s.cutTs(), state, s.partsDone(),
                s.partsTotal(), s.bytes(), s.rows(), s.started(), ended, error);
    }

    private static Optional<SnapshotInfo> find(Transaction tx, String name) {
        return tx.get(key(name)).map(SnapshotRecords::decode);
    }

    private static void put(Transaction tx, SnapshotInfo s) {
        tx.put(key(s.name()), SnapshotRecords.encode(s));
    }

    private static byte[] key(String name) {
        return utf8(RECORD_PREFIX + name);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
