package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.GroupName;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Start-up recovery of one replica's files, before Ratis loads its log: a live store that fails its
 * checksums is discarded and rebuilt from the newest checkpoint that passes its manifest; if none does,
 * the replica discards its state and its log segments (keeping its term and vote, {@code raft-meta}).
 * It runs on the group's directory alone, so the host can run it before the replica's Raft division
 * exists ({@code host.ReplicaHost}) and keep a replica that lost its log out of elections.
 *
 * <pre>
 * &lt;group&gt;/current/log_*      log segments (discarded with the state)
 * &lt;group&gt;/sm/db/             the live store
 * &lt;group&gt;/sm/snapshot/       checkpoints
 * </pre>
 */
public final class StoreRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(StoreRecovery.class);

    private final String replica;
    private final GroupName group;
    private final Path currentDir;
    private final Path dbDir;
    private final CheckpointSnapshots snapshots;
    private final StoreOpener opener;
    private final boolean verify;
    private final SeedSource seeds;
    private boolean recoveredFromDamage;
    private boolean discardedLog;

    /**
     * @param groupDir the group's Ratis storage directory ({@code <storage>/<group uuid>})
     * @param replica  the replica as log lines name it ({@code n2@shard-1})
     * @param verify   check every file's checksum (else only what opening the store checks)
     */
    public StoreRecovery(Path groupDir, String replica, GroupName group, StoreOpener opener, boolean verify,
            SeedSource seeds) {
        this.replica = replica;
        this.group = group;
        this.currentDir = groupDir.resolve("current");
        Path smDir = groupDir.resolve("sm");
        this.dbDir = smDir.resolve("db");
        this.snapshots = new CheckpointSnapshots(smDir.resolve("snapshot"));
        this.opener = opener;
        this.verify = verify;
        this.seeds = seeds;
    }

    /** What recovery left: the opened store, the newest sound checkpoint, and what it had to discard. */
    public static final class Outcome implements AutoCloseable {
        private MvccStore store;
        private final Optional<CheckpointSnapshots.Snapshot> snapshot;
        private final boolean recoveredFromDamage;
        private final boolean discardedLog;
        private final boolean seeded;

        Outcome(MvccStore store, Optional<CheckpointSnapshots.Snapshot> snapshot, boolean recoveredFromDamage,
                boolean discardedLog, boolean seeded) {
            this.store = store;
            this.snapshot = snapshot;
            this.recoveredFromDamage = recoveredFromDamage;
            this.discardedLog = discardedLog;
            this.seeded = seeded;
        }

        /**
         * The outcome a replica reports when it was brought back after an earlier start discarded its
         * state and log: its store is recovered again (an empty directory) when its state machine starts.
         */
        public static Outcome afterDiscard() {
            return new Outcome(null, Optional.empty(), true, true, false);
        }

        /** True when damaged files were found and discarded or rebuilt. */
        public boolean recoveredFromDamage() { return recoveredFromDamage; }

        /** True when no sound state was left, so the log segments were discarded too. */
        public boolean discardedLog() { return discardedLog; }

        MvccStore store() { return store; }

        Optional<CheckpointSnapshots.Snapshot> snapshot() { return snapshot; }

        boolean seeded() { return seeded; }

        /** Closes the store if nobody took it over. */
        @Override
        public void close() {
            if (store != null) store.close();
            store = null;
        }
    }

    /** Checks, repairs or discards the replica's files and opens its store. */
    public Outcome recover() throws IOException {
        Optional<CheckpointSnapshots.Snapshot> snap = verifiedSnapshot();
        MvccStore opened = openVerified();
        if (opened != null && snap.isPresent() && opened.appliedIndex().index() < snap.get().index()) {
            opened.close(); // an install that was not finished before a crash: the snapshot is newer
            opened = null;
        }
        if (opened == null && snap.isPresent()) {
            LOG.warn("{}: rebuilding the store from checkpoint {}_{}", replica, snap.get().term(), snap.get().index());
            snapshots.restoreInto(snap.get(), dbDir);
            opened = opener.open(dbDir);
        }
        boolean seeded = false;
        if (opened == null) {
            if (recoveredFromDamage) discardLogSegments();
            Optional<CheckpointSnapshots.Snapshot> seed = verifiedSeed();
            if (seed.isPresent()) {
                snapshots.restoreInto(seed.get(), dbDir);
                seeded = true;
                LOG.info("{}: starting from the restored seed {}", replica, seed.get().dir());
            } else {
                CheckpointSnapshots.deleteTree(dbDir);
            }
            opened = opener.open(dbDir);
        }
        return new Outcome(opened, snap, recoveredFromDamage, discardedLog, seeded);
    }

    /**
     * The newest checkpoint that passes its checks (its manifest, and with {@code verify} every file's
     * checksum); newer, damaged ones are deleted, and so is everything if none is sound.
     */
    private Optional<CheckpointSnapshots.Snapshot> verifiedSnapshot() throws IOException {
        boolean hadFiles = snapshots.hasCheckpointDirs();
        for (CheckpointSnapshots.Snapshot snap : snapshots.all()) {
            try {
                if (verify) snapshots.verify(snap);
                if (recoveredFromDamage) snapshots.deleteNewerThan(snap);
                return Optional.of(snap);
            } catch (ShardSqlException e) {
                LOG.error("{}: {}; discarding it", replica, e.getMessage());
                recoveredFromDamage = true;
            }
        }
        if (hadFiles) {
            LOG.error("{}: no sound checkpoint left in {}; discarding the snapshot directory", replica,
                    snapshots.root());
            recoveredFromDamage = true;
            snapshots.deleteAll();
        }
        return Optional.empty();
    }

    /**
     * This group's seed if the node has one; it must pass every check, since a replica of a restored
     * group must never start empty (its log would then replay onto nothing): a damaged seed stops it.
     */
    private Optional<CheckpointSnapshots.Snapshot> verifiedSeed() throws IOException {
        Optional<Path> dir = seeds.seed(group);
        if (dir.isEmpty() || !Files.isDirectory(dir.get())) return Optional.empty();
        Optional<Checkpoints.Checkpoint> cp = Checkpoints.read(dir.get());
        if (cp.isEmpty()) throw new IOException(replica + ": the seed in " + dir.get() + " has no sound "
                + Checkpoints.MANIFEST + "; restore again");
        try {
            Checkpoints.verify(cp.get());
        } catch (ShardSqlException e) {
            throw new IOException(replica + ": " + e.getMessage() + "; restore again", e);
        }
        return Optional.of(CheckpointSnapshots.Snapshot.of(cp.get()));
    }

    /** The live store if it exists and passes its checks, else null (and it is deleted). */
    private MvccStore openVerified() throws IOException {
        if (!Files.isDirectory(dbDir) || isEmptyDir(dbDir)) return null;
        MvccStore s = null;
        try {
            s = opener.open(dbDir);
            if (verify) s.verifyChecksums();
            return s;
        } catch (ShardSqlException e) {
            if (e.code() != ErrorCode.STORAGE_CORRUPTED) throw e;
            LOG.error("{}: the store in {} is damaged ({}); discarding it", replica, dbDir, e.getMessage());
            if (s != null) s.close();
            recoveredFromDamage = true;
            CheckpointSnapshots.deleteTree(dbDir);
            return null;
        }
    }

    /**
     * With no sound state left, the log segments may start after entries this replica no longer has,
     * so they go too: the leader then resends the log or installs a snapshot. Term and vote are kept.
     */
    private void discardLogSegments() throws IOException {
        File[] segments = currentDir.toFile().listFiles((d, name) -> name.startsWith("log_"));
        if (segments == null) return;
        for (File f : segments) Files.deleteIfExists(f.toPath());
        discardedLog = true;
        LOG.warn("{}: discarded {} log segments; the replica must rejoin its group as a new member", replica,
                segments.length);
    }

    private static boolean isEmptyDir(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
