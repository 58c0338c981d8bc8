package io.shardsql.storage.raft.peer;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.client.LocalReplicas;
import org.apache.ratis.protocol.RaftGroupId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backup part files over the read port: listing, chunked copy, and paths that leave the part directory. */
class PartFileServerTest {
    private static final RaftGroupId GROUP = RaftGroupId.valueOf(UUID.randomUUID());

    @Test
    void listsAndCopiesInChunksAndRefusesEscapes(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("g/sm/ext/backup"));
        Path part = Files.createDirectories(root.resolve("7"));
        byte[] big = new byte[PartFileServer.MAX_CHUNK * 2 + 123];
        new Random(1).nextBytes(big);
        Files.write(part.resolve("000012.sst"), big);
        Files.writeString(part.resolve("CHECKPOINT.crc"), "x");
        Files.writeString(tmp.resolve("secret"), "s");
        Files.createSymbolicLink(part.resolve("link"), tmp.resolve("secret"));
        PartRoots roots = g -> g.equals(GROUP) ? root : null;
        try (PeerReadServer server = new PeerReadServer(LocalReplicas.NONE, roots).start("127.0.0.1", 0);
             PartFetchClient client = new PartFetchClient(new InetSocketAddress("127.0.0.1", server.port()), GROUP,
                     5000)) {
            Map<String, Long> files = client.list("7");
            assertThat(files).containsOnlyKeys("000012.sst", "CHECKPOINT.crc");
            assertThat(files.get("000012.sst")).isEqualTo(big.length);
            Path copy = tmp.resolve("copy.sst");
            client.copy("7/000012.sst", big.length, copy);
            assertThat(Files.readAllBytes(copy)).isEqualTo(big);
            for (String bad : new String[] {"../../../../secret", "/etc/passwd", "7/link", "7/../../backup2"}) {
                assertThatThrownBy(() -> client.copy(bad, 1, tmp.resolve("x")))
                        .isInstanceOfSatisfying(ShardSqlException.class,
                                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                        .hasMessageContaining("refused");
            }
            assertThatThrownBy(() -> client.list("..")).hasMessageContaining("outside");
        }
        try (PeerReadServer server = new PeerReadServer(LocalReplicas.NONE, roots).start("127.0.0.1", 0);
             PartFetchClient other = new PartFetchClient(new InetSocketAddress("127.0.0.1", server.port()),
                     RaftGroupId.valueOf(UUID.randomUUID()), 5000)) {
            assertThatThrownBy(() -> other.list("7")).hasMessageContaining("no backup parts");
        }
    }

    @Test
    void deletesABackupOnlyAsItsDeleterAllowsAndSaysWhy(@TempDir Path tmp) throws Exception {
        Path backups = Files.createDirectories(tmp.resolve("backups"));
        Files.createDirectories(backups.resolve("b1/shard-0"));
        Files.writeString(backups.resolve("b1/shard-0/1.sst"), "x");
        BackupDeleter deleter = name -> {
            if (!name.matches("[a-z0-9-]+")) throw new java.io.IOException("'" + name + "' is not a backup name");
            Path dir = backups.resolve(name);
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
            }
            return dir.toString();
        };
        try (PeerReadServer server = new PeerReadServer(LocalReplicas.NONE, PartRoots.NONE, deleter)
                .start("127.0.0.1", 0);
             PartFetchClient client = PartFetchClient.forBackups(new InetSocketAddress("127.0.0.1", server.port()),
                     5000)) {
            assertThat(client.dropBackup("b1")).isEqualTo(backups.resolve("b1").toString());
            assertThat(backups.resolve("b1")).doesNotExist();
            assertThatThrownBy(() -> client.dropBackup("../secret")).hasMessageContaining("is not a backup name");
            assertThatThrownBy(() -> client.dropBackup("gone")).as("the deleter's own error")
                    .hasMessageContaining("refused");
        }
        try (PeerReadServer server = new PeerReadServer(LocalReplicas.NONE, PartRoots.NONE).start("127.0.0.1", 0);
             PartFetchClient client = PartFetchClient.forBackups(new InetSocketAddress("127.0.0.1", server.port()),
                     5000)) {
            assertThatThrownBy(() -> client.dropBackup("b2")).hasMessageContaining("deletes no backups");
        }
    }
}
