package io.shardsql.snapshot.impl;

import io.shardsql.common.ErrorCode;
import io.shardsql.snapshot.BackupRoot;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.storage.raft.client.LocalReplicas;
import io.shardsql.storage.raft.peer.PartRoots;
import io.shardsql.storage.raft.peer.PeerReadServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where DROP SNAPSHOT deletes a backup's files, and what it tells the driver: this node's own under its
 * root; another node's through that node's read port (a real server on loopback); not reached (57P03,
 * nothing deleted) or broken off (58030) when that node cannot do it.
 */
@Timeout(30)
class BackupDropTest {
    @TempDir
    Path tmp;

    @Test
    void thisNodesOwnBackupIsDeletedUnderItsRoot() throws Exception {
        BackupRoot root = root("n1");
        Path dir = backup(root, "b1");

        BackupDrop.Outcome o = new BackupDrop("n1", root, Map.of(), 5_000).delete(info("b1", "n1", dir));

        assertThat(o).isEqualTo(new BackupDrop.Outcome.Deleted(dir.toString()));
        assertThat(dir).doesNotExist();
        assertThat(new BackupDrop("n1", root, Map.of(), 5_000).delete(info("b1", "n1", dir))).as("again")
                .isInstanceOf(BackupDrop.Outcome.Deleted.class);
    }

    @Test
    void anotherNodesBackupIsDeletedThroughItsReadPort() throws Exception {
        BackupRoot there = root("n2");
        Path dir = backup(there, "b2");
        try (PeerReadServer n2 = new PeerReadServer(LocalReplicas.NONE, PartRoots.NONE,
                name -> there.delete(name).toString()).start("127.0.0.1", 0)) {
            BackupDrop drops = new BackupDrop("n1", root("n1"), Map.of("n2", address(n2.port())), 5_000);

            assertThat(drops.delete(info("b2", "n2", dir))).isEqualTo(new BackupDrop.Outcome.Deleted(dir.toString()));
            assertThat(dir).doesNotExist();
        }
    }

    @Test
    void aNodeThatCannotBeReachedChangesNothing() throws Exception {
        Path dir = backup(root("n2"), "b3");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        BackupDrop drops = new BackupDrop("n1", root("n1"), Map.of("n2", address(closed)), 5_000);

        BackupDrop.Outcome o = drops.delete(info("b3", "n2", dir));

        assertThat(o).isInstanceOfSatisfying(BackupDrop.Outcome.NotReached.class, n -> {
            assertThat(n.error().code()).isEqualTo(ErrorCode.CLUSTER_NOT_READY);
            assertThat(n.error().code().sqlState()).isEqualTo("57P03");
            assertThat(n.error().getMessage()).contains("n2", "cannot be reached", "nothing was dropped");
        });
        assertThat(new BackupDrop("n1", root("n1"), Map.of(), 5_000).delete(info("b3", "n2", dir)))
                .as("a node whose read port is not known").isInstanceOfSatisfying(BackupDrop.Outcome.NotReached.class,
                        n -> assertThat(n.error().code()).isEqualTo(ErrorCode.FEATURE_NOT_SUPPORTED));
        assertThat(dir.resolve("MANIFEST")).exists();
    }

    @Test
    void aDeletionThatBreaksOffThereIsReportedAsSuch() throws Exception {
        Path dir = backup(root("n2"), "b4");
        try (PeerReadServer n2 = new PeerReadServer(LocalReplicas.NONE, PartRoots.NONE, name -> {
            throw new IOException("disk error while deleting " + name);
        }).start("127.0.0.1", 0)) {
            BackupDrop drops = new BackupDrop("n1", root("n1"), Map.of("n2", address(n2.port())), 5_000);

            BackupDrop.Outcome o = drops.delete(info("b4", "n2", dir));

            assertThat(o).isInstanceOfSatisfying(BackupDrop.Outcome.BrokeOff.class, b -> {
                assertThat(b.error().code().sqlState()).isEqualTo("58030");
                assertThat(b.error().getMessage()).contains("DROPPING", "disk error while deleting b4");
            });
        }
    }

    private BackupRoot root(String node) {
        BackupRoot r = new BackupRoot(tmp.resolve(node).resolve("backups"));
        r.ensureExists();
        return r;
    }

    private static Path backup(BackupRoot root, String name) throws IOException {
        Path dir = Files.createDirectories(root.path().resolve(name).resolve("shard-0"));
        Files.writeString(dir.resolve("1.sst"), "x");
        Files.writeString(dir.getParent().resolve("MANIFEST"), "m");
        return dir.getParent();
    }

    private static SnapshotInfo info(String name, String node, Path dir) {
        return new SnapshotInfo(name, node, dir.toString(), 1, 10, SnapshotState.DROPPING, 4, 4, 100, 1,
                Instant.EPOCH, Instant.EPOCH, null);
    }

    private static InetSocketAddress address(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
