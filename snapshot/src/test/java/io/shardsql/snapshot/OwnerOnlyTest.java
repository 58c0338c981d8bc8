package io.shardsql.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class OwnerOnlyTest {
    @TempDir
    Path tmp;

    @Test
    void backupDirectoriesAndFilesAreTheOwnersOnly() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path root = tmp.resolve("a/b/root");
        OwnerOnly.createDirectories(root);
        assertThat(Files.getPosixFilePermissions(root)).isEqualTo(OwnerOnly.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(tmp.resolve("a"))).isEqualTo(OwnerOnly.DIRECTORY);
        Path backup = root.resolve("b1");
        OwnerOnly.createDirectory(backup);
        Files.createDirectories(backup.resolve("shard-0"));
        Files.writeString(backup.resolve("shard-0/000001.sst"), "x");
        Files.writeString(backup.resolve("MANIFEST"), "y");
        OwnerOnly.restrictTree(backup);
        assertThat(Files.getPosixFilePermissions(backup)).isEqualTo(OwnerOnly.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(backup.resolve("shard-0"))).isEqualTo(OwnerOnly.DIRECTORY);
        assertThat(Files.getPosixFilePermissions(backup.resolve("shard-0/000001.sst"))).isEqualTo(OwnerOnly.FILE);
        assertThat(Files.getPosixFilePermissions(backup.resolve("MANIFEST"))).isEqualTo(OwnerOnly.FILE);
    }
}
