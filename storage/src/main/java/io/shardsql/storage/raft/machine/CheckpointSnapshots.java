package io.shardsql.storage.raft.machine;

import io.shardsql.storage.MvccStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The Ratis snapshots of one replica: store checkpoints ({@link Checkpoints}), one directory each, kept
 * under the directory Ratis transfers to a follower that needs an install.
 *
 * <pre>
 * sm/snapshot/                      (StateMachineStorage.getSnapshotDir: what Ratis sends and replaces)
 *   &lt;term&gt;_&lt;index&gt;/                 one checkpoint, sealed by its CHECKPOINT.crc manifest
 * </pre>
 *
 * A checkpoint directory without a valid manifest is unfinished or damaged and is never used.
 */
final class CheckpointSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSnapshots.class);
    /** Snapshots kept: the newest, and the one before it (it may still be on its way to a follower). */
    static final int RETAINED = 2;

    /** One finished checkpoint and the files its manifest names. */
    record Snapshot(long term, long index, Path dir, List<String> files) {
        static Snapshot of(Checkpoints.Checkpoint cp) {
            return new Snapshot(cp.term(), cp.index(), cp.dir(), cp.files());
        }

        Checkpoints.Checkpoint checkpoint() {
            return new Checkpoints.Checkpoint(term, index, dir, files);
        }
    }

    private final Path root;

    CheckpointSnapshots(Path root) {
        this.root = root;
    }

    Path root() { return root; }

    /** The newest snapshot whose manifest is readable (file checksums are checked by {@link #verify}). */
    Optional<Snapshot> latest() {
        return all().stream().findFirst();
    }

    /** Every snapshot whose manifest is readable, newest first. */
    List<Snapshot> all() {
        if (!Files.isDirectory(root)) return List.of();
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(Files::isDirectory)
                    .filter(d -> d.getFileName().toString().matches("\\d+_\\d+"))
                    .sorted(Comparator.comparingLong(CheckpointSnapshots::indexOf).reversed())
                    .map(this::readManifest)
                    .flatMap(Optional::stream)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True if the directory holds any checkpoint directory, finished or not (leftover temporaries are removed). */
    boolean hasCheckpointDirs() throws IOException {
        if (!Files.isDirectory(root)) return false;
        boolean found = false;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                String n = d.getFileName().toString();
                if (n.matches("\\d+_\\d+")) found = true;
                else if (n.endsWith(".tmp")) deleteTree(d); // a checkpoint interrupted by a stop
            }
        }
        return found;
    }

    /**
     * Checkpoints {@code store} as the snapshot at (term, index) and removes all but the newest
     * {@link #RETAINED}: the one before stays, so that an install still sending it to a follower can finish.
     */
    Snapshot take(MvccStore store, long term, long index) throws IOException {
        Files.createDirectories(root);
        Path dir = root.resolve(term + "_" + index);
        Snapshot snap = Snapshot.of(Checkpoints.take(store, dir, term, index));
        removeOlderThanRetained();
        return snap;
    }

    /** Checks every file of {@code snap} against its manifest; throws {@code STORAGE_CORRUPTED} on any difference. */
    void verify(Snapshot snap) {
        Checkpoints.verify(snap.checkpoint());
    }

    /** Rebuilds a live store directory from {@code snap}: SST files are hard-linked, the others copied. */
    void restoreInto(Snapshot snap, Path dbDir) throws IOException {
        deleteTree(dbDir);
        Files.createDirectories(dbDir);
        for (String f : snap.files()) {
            Path src = snap.dir().resolve(f);
            Path dst = dbDir.resolve(f);
            if (f.endsWith(".sst")) {
                try {
                    Files.createLink(dst, src);
                    continue;
                } catch (IOException | UnsupportedOperationException e) {
                    LOG.debug("hard link failed for {}, copying", src, e);
                }
            }
            Files.copy(src, dst);
        }
    }

    /** Every file Ratis must send to install {@code snap} on another replica. */
    List<Path> filesToSend(Snapshot snap) {
        List<Path> paths = new ArrayList<>();
        for (String f : snap.files()) paths.add(snap.dir().resolve(f));
        paths.add(snap.dir().resolve(Checkpoints.MANIFEST));
        return paths;
    }

    private void removeOlderThanRetained() throws IOException {
        List<Path> dirs;
        try (Stream<Path> s = Files.list(root)) {
            dirs = s.filter(d -> d.getFileName().toString().matches("\\d+_\\d+"))
                    .sorted(Comparator.comparingLong(CheckpointSnapshots::indexOf).reversed()).toList();
        }
        for (Path d : dirs.subList(Math.min(RETAINED, dirs.size()), dirs.size())) deleteTree(d);
    }

    void deleteAll() throws IOException {
        deleteTree(root);
    }

    /** Deletes every checkpoint directory newer than {@code keep}, finished or not (they failed their checks). */
    void deleteNewerThan(Snapshot keep) throws IOException {
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.toList()) {
                if (d.getFileName().toString().matches("\\d+_\\d+") && indexOf(d) > keep.index()) deleteTree(d);
            }
        }
    }

    private Optional<Snapshot> readManifest(Path dir) {
        return Checkpoints.read(dir).map(Snapshot::of);
    }

    private static long indexOf(Path dir) {
        String n = dir.getFileName().toString();
        return Long.parseLong(n.substring(n.indexOf('_') + 1));
    }

    static void deleteTree(Path p) throws IOException {
        Checkpoints.deleteTree(p);
    }
}
