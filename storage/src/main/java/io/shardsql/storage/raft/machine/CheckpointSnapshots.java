package io.shardsql.storage.raft.machine;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * The Ratis snapshots of one replica: storage checkpoints, one directory each, kept under the
 * directory Ratis transfers to a follower that needs an install.
 *
 * <pre>
 * sm/snapshot/                      (StateMachineStorage.getSnapshotDir: what Ratis sends and replaces)
 *   &lt;term&gt;_&lt;index&gt;/                 one checkpoint: RocksDB files (SSTs hard-linked to the live DB)
 *     CHECKPOINT.crc                the manifest, written last:
 *                                     shardsql-checkpoint 1
 *                                     term &lt;t&gt;
 *                                     index &lt;i&gt;
 *                                     file &lt;name&gt; &lt;size&gt; &lt;crc32c hex&gt;     (one line per file)
 *                                     end &lt;crc32c hex of every line above&gt;
 * </pre>
 *
 * A checkpoint directory without a valid manifest is unfinished or damaged and is never used.
 */
final class CheckpointSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointSnapshots.class);
    static final String MANIFEST = "CHECKPOINT.crc";
    private static final String HEADER = "shardsql-checkpoint 1";
    /** Snapshots kept: the newest, and the one before it (it may still be on its way to a follower). */
    static final int RETAINED = 2;

    /** One finished checkpoint and the files its manifest names. */
    record Snapshot(long term, long index, Path dir, List<String> files) {}

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
        Path tmp = root.resolve(term + "_" + index + ".tmp");
        deleteTree(tmp);
        store.checkpoint(tmp);
        List<String> files;
        try (Stream<Path> s = Files.list(tmp)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        StringBuilder manifest = new StringBuilder(HEADER).append('\n')
                .append("term ").append(term).append('\n').append("index ").append(index).append('\n');
        for (String f : files) {
            Path p = tmp.resolve(f);
            manifest.append("file ").append(f).append(' ').append(Files.size(p)).append(' ').append(crcOf(p))
                    .append('\n');
        }
        String bodyCrc = crcOf(manifest.toString().getBytes(StandardCharsets.UTF_8));
        manifest.append("end ").append(bodyCrc).append('\n');
        Files.writeString(tmp.resolve(MANIFEST), manifest.toString());
        Path dir = root.resolve(term + "_" + index);
        deleteTree(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        Snapshot snap = new Snapshot(term, index, dir, files);
        removeOlderThanRetained();
        return snap;
    }

    /** Checks every file of {@code snap} against its manifest; throws {@code STORAGE_CORRUPTED} on any difference. */
    void verify(Snapshot snap) {
        Optional<Snapshot> reread = readManifest(snap.dir());
        if (reread.isEmpty()) throw corrupted(snap.dir(), "manifest missing or damaged");
        try {
            for (String line : Files.readAllLines(snap.dir().resolve(MANIFEST))) {
                if (!line.startsWith("file ")) continue;
                String[] parts = line.split(" ");
                Path p = snap.dir().resolve(parts[1]);
                if (!Files.isRegularFile(p)) throw corrupted(snap.dir(), "file " + parts[1] + " is missing");
                if (Files.size(p) != Long.parseLong(parts[2])) throw corrupted(snap.dir(), "file " + parts[1]
                        + " has the wrong size");
                if (!crcOf(p).equals(parts[3])) throw corrupted(snap.dir(), "file " + parts[1] + " fails its checksum");
            }
        } catch (IOException e) {
            throw corrupted(snap.dir(), e.toString());
        }
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
        paths.add(snap.dir().resolve(MANIFEST));
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
        Path manifest = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifest)) return Optional.empty();
        try {
            List<String> lines = Files.readAllLines(manifest);
            if (lines.size() < 4 || !lines.get(0).equals(HEADER)) return Optional.empty();
            StringBuilder body = new StringBuilder();
            for (String l : lines.subList(0, lines.size() - 1)) body.append(l).append('\n');
            String end = lines.get(lines.size() - 1);
            if (!end.equals("end " + crcOf(body.toString().getBytes(StandardCharsets.UTF_8)))) return Optional.empty();
            long term = Long.parseLong(lines.get(1).substring("term ".length()));
            long index = Long.parseLong(lines.get(2).substring("index ".length()));
            List<String> files = new ArrayList<>();
            for (String l : lines) {
                if (l.startsWith("file ")) files.add(l.split(" ")[1]);
            }
            return Optional.of(new Snapshot(term, index, dir, files));
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable checkpoint manifest {}: {}", manifest, e.toString());
            return Optional.empty();
        }
    }

    private static long indexOf(Path dir) {
        String n = dir.getFileName().toString();
        return Long.parseLong(n.substring(n.indexOf('_') + 1));
    }

    private static String crcOf(Path p) throws IOException {
        CRC32C crc = new CRC32C();
        byte[] buf = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(p)) {
            for (int n; (n = in.read(buf)) > 0; ) crc.update(buf, 0, n);
        }
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    private static String crcOf(byte[] b) {
        CRC32C crc = new CRC32C();
        crc.update(b);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    private static ShardSqlException corrupted(Path dir, String why) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "snapshot " + dir + " is damaged: " + why);
    }
}
