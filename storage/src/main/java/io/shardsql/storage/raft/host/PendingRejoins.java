package io.shardsql.storage.raft.host;

import org.apache.ratis.protocol.RaftGroupId;

import java.io.File;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The replicas of this node that lost their log and have not yet rejoined their group, kept on disk so
 * that a crash half-way through a rejoin does not let the replica come back as the voter it was. Beside
 * the Ratis storage directory's group directories:
 *
 * <pre>
 * &lt;storage&gt;/&lt;uuid&gt;/             the group's directory that Ratis loads on start
 * &lt;storage&gt;/&lt;uuid&gt;.rejoin        marker (empty file): this replica must leave and rejoin its group
 * &lt;storage&gt;/&lt;uuid&gt;.rejoining/    the group's directory set aside: Ratis does not load it (not a UUID)
 * </pre>
 *
 * A replica set aside has no Raft division, so it neither votes nor stands for election; its term and
 * vote stay in {@code current/raft-meta}. Its {@code current/raft-meta.conf} is deleted: the
 * configuration it had is as gone as its log, and without it the division, once added back with the
 * others' configuration, starts outside the configuration (Ratis' "initializing" state: no election timer,
 * no votes) until the leader has caught it up and committed the configuration that includes it.
 */
final class PendingRejoins {
    static final String MARKER = ".rejoin";
    static final String ASIDE = ".rejoining";
    static final String CONF_FILE = "raft-meta.conf";

    private final Path root;

    PendingRejoins(File storageDir) {
        this.root = storageDir.toPath();
    }

    /** The group a directory of the storage directory belongs to, or null if it is no group's directory. */
    static RaftGroupId groupOf(String dirName) {
        try {
            return RaftGroupId.valueOf(UUID.fromString(dirName));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The groups whose replica here must still rejoin. */
    List<RaftGroupId> marked() {
        List<RaftGroupId> ids = new ArrayList<>();
        File[] markers = root.toFile().listFiles((d, name) -> name.endsWith(MARKER) && new File(d, name).isFile());
        if (markers == null) return ids;
        for (File m : markers) {
            RaftGroupId gid = groupOf(m.getName().substring(0, m.getName().length() - MARKER.length()));
            if (gid != null) ids.add(gid);
        }
        return ids;
    }

    boolean isMarked(RaftGroupId gid) {
        return Files.isRegularFile(marker(gid));
    }

    /**
     * Marks the replica of {@code gid} as having to rejoin (durably, first), forgets its configuration
     * and moves its directory out of Ratis' sight.
     */
    void setAside(RaftGroupId gid) throws IOException {
        Path marker = marker(gid);
        if (!Files.exists(marker)) {
            try (FileChannel ch = FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            syncDir(root);
        }
        Path dir = groupDir(gid);
        if (!Files.isDirectory(dir)) return;
        Files.deleteIfExists(dir.resolve("current").resolve(CONF_FILE));
        Files.move(dir, asideDir(gid), StandardCopyOption.ATOMIC_MOVE);
        syncDir(root);
    }

    /** Moves the set-aside directory back where Ratis finds it; false if there is none (it starts empty). */
    boolean putBack(RaftGroupId gid) throws IOException {
        Path aside = asideDir(gid);
        if (!Files.isDirectory(aside)) return Files.isDirectory(groupDir(gid));
        Files.move(aside, groupDir(gid), StandardCopyOption.ATOMIC_MOVE);
        syncDir(root);
        return true;
    }

    /** The replica has rejoined: the marker goes. */
    void done(RaftGroupId gid) throws IOException {
        Files.deleteIfExists(marker(gid));
        syncDir(root);
    }

    private Path groupDir(RaftGroupId gid) { return root.resolve(gid.getUuid().toString()); }

    private Path asideDir(RaftGroupId gid) { return root.resolve(gid.getUuid() + ASIDE); }

    private Path marker(RaftGroupId gid) { return root.resolve(gid.getUuid() + MARKER); }

    private static void syncDir(Path dir) throws IOException {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        }
    }
}
