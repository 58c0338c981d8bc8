package io.shardsql.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.machine.Checkpoints;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.zip.CRC32C;

/**
 * The manifest of a backup, {@code <backup>/MANIFEST}, written last: a backup without a sound one is
 * unfinished and is never listed, verified or restored as complete.
 *
 * <pre>
 * &lt;backup.root&gt;/&lt;name&gt;/
 *   control/  coord-0/ ...  shard-0/ ...      one part per group: store files + CHECKPOINT.crc
 *   MANIFEST
 *     shardsql-backup 1
 *     name &lt;name&gt;
 *     cluster &lt;cluster id&gt;
 *     epoch &lt;e&gt;
 *     cut &lt;S&gt;
 *     shards &lt;n&gt;
 *     coordinators &lt;k&gt;
 *     created &lt;ISO-8601 instant&gt;
 *     part &lt;group&gt; &lt;term&gt; &lt;index&gt; &lt;locks&gt; &lt;bytes&gt; &lt;crc32c of its CHECKPOINT.crc&gt;
 *                                                 (one per group)
 *     txn &lt;startTs&gt; &lt;owner group&gt; &lt;in|out&gt; &lt;commitTs or 0&gt;
 *                                                 (one per transaction holding a lock in a part:
 *                                                  the cut's channel state)
 *     end &lt;crc32c hex of every line above&gt;
 * </pre>
 */
public record BackupManifest(String name, UUID cluster, long epoch, long cutTs, int shards, int coordinators,
                             Instant created, List<Part> parts, List<InFlight> inFlight) {
    /** The manifest's file name in a backup directory. */
    public static final String FILE = "MANIFEST";
    private static final String HEADER = "shardsql-backup 1";

    public BackupManifest {
        parts = List.copyOf(parts);
        inFlight = List.copyOf(inFlight);
    }

    /**
     * One group's part: its state at log position ({@code term}, {@code index}), holding
     * {@code locks} locks and {@code bytes} bytes; {@code checkpointCrc} seals its own manifest.
     */
    public record Part(String group, long term, long index, long locks, long bytes, String checkpointCrc) {}

    /**
     * A transaction that held locks when a part was cut, and whether it is in the backup: in at
     * {@code commitTs} when its coordinator's part holds a commit decision below the cut, out otherwise.
     */
    public record InFlight(long startTs, String owner, boolean in, long commitTs) {}

    /** The manifest's text, sealed by its end line. */
    public String encode() {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        b.append("name ").append(name).append('\n').append("cluster ").append(cluster).append('\n')
                .append("epoch ").append(epoch).append('\n').append("cut ").append(cutTs).append('\n')
                .append("shards ").append(shards).append('\n').append("coordinators ").append(coordinators).append('\n')
                .append("created ").append(created).append('\n');
        for (Part p : parts) {
            b.append("part ").append(p.group()).append(' ').append(p.term()).append(' ').append(p.index()).append(' ')
                    .append(p.locks()).append(' ').append(p.bytes()).append(' ').append(p.checkpointCrc()).append('\n');
        }
        for (InFlight t : inFlight) {
            b.append("txn ").append(t.startTs()).append(' ').append(t.owner()).append(' ').append(t.in() ? "in" : "out")
                    .append(' ').append(t.commitTs()).append('\n');
        }
        String body = b.toString(); // the CRC covers the lines above "end", not "end " itself
        return b.append("end ").append(crc(body)).append('\n').toString();
    }

    /**
     * Writes the manifest into {@code backupDir} atomically (a temporary file renamed into place) and
     * durably (forced to disk with its directory entry) before it returns.
     */
    public void write(Path backupDir) throws IOException {
        Path tmp = backupDir.resolve(FILE + ".tmp");
        Files.writeString(tmp, encode(), StandardCharsets.UTF_8);
        Checkpoints.sync(tmp); // the parts were forced to disk as they were copied; now the seal
        Files.move(tmp, backupDir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE);
        Checkpoints.sync(backupDir);
    }

    /**
     * Reads and checks the manifest of {@code backupDir}; a missing, truncated or altered one is
     * {@code BACKUP_DAMAGED}.
     */
    public static BackupManifest read(Path backupDir) {
        Path file = backupDir.resolve(FILE);
        if (!Files.isRegularFile(file)) throw damaged(backupDir, "its MANIFEST is missing (the backup did not finish)");
        try {
            return decode(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw damaged(backupDir, "its MANIFEST cannot be read: " + e.getMessage());
        } catch (ShardSqlException e) {
            throw damaged(backupDir, e.getMessage());
        }
    }

    /** Parses what {@link #encode} wrote, checking the end line first. */
    public static BackupManifest decode(String text) {
        int end = text.lastIndexOf("end ");
        if (!text.startsWith(HEADER + "\n") || end < 0 || !text.endsWith("\n")) throw bad("MANIFEST is truncated");
        String body = text.substring(0, end);
        if (!text.substring(end).trim().equals("end " + crc(body))) throw bad("MANIFEST fails its checksum");
        String[] lines = body.split("\n");
        try {
            List<Part> parts = new ArrayList<>();
            List<InFlight> inFlight = new ArrayList<>();
            for (String l : lines) {
                String[] f = l.split(" ");
                if (f[0].equals("part")) {
                    parts.add(new Part(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                            Long.parseLong(f[5]), f[6]));
                } else if (f[0].equals("txn")) {
                    inFlight.add(new InFlight(Long.parseLong(f[1]), f[2], f[3].equals("in"), Long.parseLong(f[4])));
                }
            }
            return new BackupManifest(value(lines, "name"), UUID.fromString(value(lines, "cluster")),
                    Long.parseLong(value(lines, "epoch")), Long.parseLong(value(lines, "cut")),
                    Integer.parseInt(value(lines, "shards")), Integer.parseInt(value(lines, "coordinators")),
                    Instant.parse(value(lines, "created")), parts, inFlight);
        } catch (RuntimeException e) {
            throw bad("MANIFEST is malformed: " + e.getMessage());
        }
    }

    private static String value(String[] lines, String key) {
        for (String l : lines) {
            if (l.startsWith(key + " ")) return l.substring(key.length() + 1);
        }
        throw new IllegalArgumentException("no " + key + " line");
    }

    private static String crc(String s) {
        CRC32C c = new CRC32C();
        c.update(s.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) c.getValue());
    }

    private static ShardSqlException bad(String why) {
        return new ShardSqlException(ErrorCode.BACKUP_DAMAGED, why);
    }

    private static ShardSqlException damaged(Path dir, String why) {
        return new ShardSqlException(ErrorCode.BACKUP_DAMAGED, "backup " + dir + " is damaged: " + why);
    }
}
