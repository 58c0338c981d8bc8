package io.shardsql.storage.raft.machine;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A store checkpoint in a directory of its own, sealed by a manifest written last — for Ratis
 * snapshots ({@link CheckpointSnapshots}) and for the parts of a backup alike.
 *
 * <pre>
 * &lt;dir&gt;/                 the store's files (RocksDB: SSTs hard-linked to the live store)
 *   CHECKPOINT.crc       the manifest:
 *                          shardsql-checkpoint 1
 *                          term &lt;t&gt;
 *                          index &lt;i&gt;
 *                          file &lt;name&gt; &lt;size&gt; &lt;crc32c hex&gt;     (one line per file)
 *                          end &lt;crc32c hex of every line above&gt;
 * </pre>
 *
 * A directory without a valid manifest is unfinished or damaged and is never used: {@link #take}
 * writes into {@code <dir>.tmp} and renames it into place once sealed.
 */
public final class Checkpoints {
    private static final Logger LOG = LoggerFactory.getLogger(Checkpoints.class);
    /** The manifest's file name. */
    public static final String MANIFEST = "CHECKPOINT.crc";
    private static final String HEADER = "shardsql-checkpoint 1";

    /** A sealed checkpoint of the state at log position (term, index), and the files its manifest names. */
    public record Checkpoint(long term, long index, Path dir, List<String> files) {
        public Checkpoint {
            files = List.copyOf(files);
        }
    }

    private Checkpoints() {}

    /** Checkpoints {@code store} into {@code dir} (replacing what is there) and seals it with its manifest. */
    public static Checkpoint take(MvccStore store, Path dir, long term, long index) throws IOException {
        Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
        deleteTree(tmp);
        Files.createDirectories(tmp.getParent());
        long t0 = System.nanoTime();
        store.checkpoint(tmp);
        long t1 = System.nanoTime();
        List<String> files;
        try (Stream<Path> s = Files.list(tmp)) {
            files = s.map(p -> p.getFileName().toString()).sorted().toList();
        }
        StringBuilder manifest = new StringBuilder(HEADER).append('\n')
                .append("term ").append(term).append('\n').append("index ").append(index).append('\n');
        for (String f : files) {
            Path p = tmp.resolve(f);
            manifest.append("file ").append(f).append(' ').append(Files.size(p)).append(' ')
                    .append(crcOf(p)).append('\n');
        }
        String bodyCrc = crcOf(manifest.toString().getBytes(StandardCharsets.UTF_8));
        manifest.append("end ").append(bodyCrc).append('\n');
        Files.writeString(tmp.resolve(MANIFEST), manifest.toString());
        deleteTree(dir);
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        LOG.debug("checkpoint {}: the store's checkpoint took {} ms, the manifest's checksums {} ms", dir,
                (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        return new Checkpoint(term, index, dir, files);
    }

    /** The checkpoint in {@code dir} if its manifest is there and sound (file checksums: {@link #verify}). */
    public static Optional<Checkpoint> read(Path dir) {
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
            return Optional.of(new Checkpoint(term, index, dir, files));
        } catch (IOException | RuntimeException e) {
            LOG.warn("unreadable checkpoint manifest {}: {}", manifest, e.toString());
            return Optional.empty();
        }
    }

    /** Checks every file of {@code cp} against its manifest; throws {@code STORAGE_CORRUPTED} on any difference. */
    public static void verify(Checkpoint cp) {
        if (read(cp.dir()).isEmpty()) throw corrupted(cp.dir(), "manifest missing or damaged");
        try {
            for (String line : Files.readAllLines(cp.dir().resolve(MANIFEST))) {
                if (!line.startsWith("file ")) continue;
                String[] parts = line.split(" ");
                Path p = cp.dir().resolve(parts[1]);
                if (!Files.isRegularFile(p)) throw corrupted(cp.dir(), "file " + parts[1] + " is missing");
                if (Files.size(p) != Long.parseLong(parts[2])) {
                    throw corrupted(cp.dir(), "file " + parts[1] + " has the wrong size");
                }
                if (!crcOf(p).equals(parts[3])) throw corrupted(cp.dir(), "file " + parts[1] + " fails its checksum");
            }
        } catch (IOException e) {
            throw corrupted(cp.dir(), e.toString());
        }
    }

    /** The CRC-32C of a file's bytes, as 8 hex digits. */
    public static String crcOf(Path p) throws IOException {
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

    /**
     * Forces every regular file directly in {@code dir}, then {@code dir} itself, to disk: what was written
     * there survives a power loss once this returns (a copy is durable before anything refers to it).
     */
    public static void syncTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) sync(f);
        }
        sync(dir);
    }

    /** Forces one file, or a directory's entries, to disk. */
    public static void sync(Path p) throws IOException {
        try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
            c.force(true);
        }
    }

    /** Deletes {@code p} and everything under it, if it exists. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) return;
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
        }
    }

    private static ShardSqlException corrupted(Path dir, String why) {
        return new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "checkpoint " + dir + " is damaged: " + why);
    }
}
