package io.shardsql.snapshot;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Backup names: plain names right under the root, nothing that escapes it, nothing taken. */
class BackupRootTest {
    @TempDir
    Path tmp;

    @Test
    void aPlainNameIsADirectoryRightUnderTheRoot() {
        BackupRoot root = new BackupRoot(tmp.resolve("backups"));
        assertThat(root.newBackup("nightly-2026.12.07_1")).isEqualTo(tmp.resolve("backups").resolve("nightly-2026.12.07_1"));
    }

    @Test
    void namesThatEscapeTheRootOrAreOddAre42602() {
        BackupRoot root = new BackupRoot(tmp);
        for (String bad : new String[] {"..", ".", "../x", "a/b", "/abs", "x/../../y", ".hidden", "-dash", "a b", "é",
                "a\\b", "x".repeat(65), "", "a..b"}) {
            assertThatThrownBy(() -> root.newBackup(bad)).as(bad).isInstanceOfSatisfying(ShardSqlException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BACKUP_NAME));
        }
        assertThatThrownBy(() -> root.newBackup(null)).isInstanceOf(ShardSqlException.class);
    }

    @Test
    void aTakenNameIs42710AndASymbolicLinkCountsAsTaken() throws Exception {
        BackupRoot root = new BackupRoot(tmp);
        Files.createDirectory(tmp.resolve("taken"));
        Files.createSymbolicLink(tmp.resolve("link"), tmp.resolve("elsewhere"));
        for (String name : new String[] {"taken", "link"}) {
            assertThatThrownBy(() -> root.newBackup(name)).as(name).isInstanceOfSatisfying(ShardSqlException.class,
                    e -> assertThat(e.code().sqlState()).isEqualTo("42710"));
        }
        assertThatThrownBy(() -> root.existing("link")).isInstanceOf(ShardSqlException.class);
    }

    @Test
    void aRootThatIsASymbolicLinkIsRefused() throws Exception {
        Files.createDirectory(tmp.resolve("real"));
        Path link = Files.createSymbolicLink(tmp.resolve("root-link"), tmp.resolve("real"));
        assertThatThrownBy(() -> new BackupRoot(link).ensureExists()).isInstanceOfSatisfying(ShardSqlException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }
}
