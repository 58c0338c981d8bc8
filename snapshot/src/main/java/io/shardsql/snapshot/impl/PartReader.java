package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.PartOpener;
import io.shardsql.storage.Lock;
import io.shardsql.storage.LockEntry;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccReader;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.StoreOpener;
import io.shardsql.txn.log.Decisions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a part of a backup without changing it. A read that changes nothing (a coordinator's decisions,
 * a part that holds no lock) opens the part in place, read-only ({@link PartOpener}, as {@code backup
 * verify} does), when the node gives such an opener. Otherwise the part is opened in a scratch directory
 * of its own (SST files hard-linked, which the store never changes in place; every other file copied),
 * with the store the node injects ({@link StoreOpener}: the snapshot module does not know the storage
 * technology); the scratch copy may be settled — each lock turned into a version at its commit timestamp
 * or dropped, as the cut's channel state says — and is deleted when the read ends.
 */
public final class PartReader {
    private static final Logger LOG = LoggerFactory.getLogger(PartReader.class);
    private static final int PAGE = 10_000;

    private final StoreOpener opener;
    private final PartOpener readOnly;

    /** A reader that always reads through a scratch copy. */
    public PartReader(StoreOpener opener) {
        this(opener, null);
    }

    /**
     * @param readOnly opens a part in place, read-only, for a read that changes nothing (a part without
     *                 locks, a coordinator's decisions); null: always through a scratch copy
     */
    public PartReader(StoreOpener opener, PartOpener readOnly) {
        this.opener = opener;
        this.readOnly = readOnly;
    }

    /** The decisions in a coordinator's part: start_ts → commit_ts (0: aborted). */
    public Map<Long, Long> decisions(Path part, Path scratch) {
        Function<MvccStore, Map<Long, Long>> decisions = store -> {
            Map<Long, Long> out = new HashMap<>();
            store.metaScan(Decisions.PREFIX, Integer.MAX_VALUE).forEach((name, value) ->
                    out.put(Decisions.startTsOf(name), Decisions.commitTsOf(value)));
            return out;
        };
        return read(part, scratch, false, decisions, decisions);
    }

    /**
     * Settles every lock of the part with {@code outcome} (in: a version at its commit timestamp; out:
     * dropped), then hands the settled store to {@code read}.
     */
    public <T> T readSettled(Path part, Path scratch, Function<Lock, BackupManifest.InFlight> outcome,
                             Function<MvccReader, T> read) {
        return read(part, scratch, true, read::apply, store -> {
            settle(store, outcome);
            return read.apply(store);
        });
    }

    /** {@link #readSettled} with the outcomes a manifest lists (a lock it does not list is out). */
    public <T> T readSettled(Path part, Path scratch, List<BackupManifest.InFlight> inFlight,
                             Function<MvccReader, T> read) {
        Map<Long, BackupManifest.InFlight> byStart = new HashMap<>();
        for (BackupManifest.InFlight t : inFlight) byStart.put(t.startTs(), t);
        return readSettled(part, scratch, lock -> byStart.getOrDefault(lock.startTs(),
                new BackupManifest.InFlight(lock.startTs(), "?", false, 0)), read);
    }

    /**
     * Reads {@code part}: with {@code inPlace}, read-only, when it can be (a read-only opener was given and
     * nothing needs settling: {@code settles} is false, or the part holds no lock); otherwise with
     * {@code read} through a scratch copy, which {@code read} may change.
     */
    private <T> T read(Path part, Path scratch, boolean settles, Function<MvccStore, T> inPlace,
                       Function<MvccStore, T> read) {
        if (readOnly != null) {
            long t0 = System.nanoTime();
            try (MvccStore store = readOnly.openReadOnly(part)) {
                if (!settles || store.scanLocks(new byte[0], null, 1).isEmpty()) {
                    long t1 = System.nanoTime();
                    T out = inPlace.apply(store);
                    LOG.debug("part {}: opened in place in {} ms, read in {} ms", part.getFileName(),
                            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                    return out;
                }
            }
        }
        try {
            Checkpoints.deleteTree(scratch);
            Files.createDirectories(scratch);
            try (Stream<Path> files = Files.list(part)) {
                for (Path f : files.toList()) {
                    String name = f.getFileName().toString();
                    if (name.equals(Checkpoints.MANIFEST)) continue;
                    if (name.endsWith(".sst")) Files.createLink(scratch.resolve(name), f);
                    else Files.copy(f, scratch.resolve(name));
                }
            }
            long t0 = System.nanoTime();
            try (MvccStore store = opener.open(scratch)) {
                long t1 = System.nanoTime();
                T out = read.apply(store);
                LOG.debug("part {}: linked and opened in {} ms, read in {} ms", part.getFileName(),
                        (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
                return out;
            } finally {
                Checkpoints.deleteTree(scratch);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read part " + part, e);
        }
    }

    private static void settle(MvccStore store, Function<Lock, BackupManifest.InFlight> outcome) {
        byte[] from = new byte[0];
        while (true) {
            List<LockEntry> page = store.scanLocks(from, null, PAGE);
            MvccBatch batch = store.newBatch();
            try {
                for (LockEntry e : page) {
                    for (Lock holder : e.lock().holders()) { // a shared row lock has several
                        BackupManifest.InFlight t = outcome.apply(holder);
                        // a row lock (FOR UPDATE / FOR SHARE) never becomes data, whatever its transaction did
                        if (t.in() && holder.isWrite()) batch.writeVersion(e.key(), t.commitTs(), holder.value());
                    }
                    batch.removeLock(e.key());
                }
                batch.commit();
            } finally {
                batch.close();
            }
            if (page.size() < PAGE) return;
            byte[] last = page.get(page.size() - 1).key();
            from = Arrays.copyOf(last, last.length + 1);
        }
    }
}
