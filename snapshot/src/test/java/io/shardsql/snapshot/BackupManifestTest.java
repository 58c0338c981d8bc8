package io.shardsql.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BackupManifestTest {
    @TempDir
    Path tmp;

    @Test
    void whatIsWrittenIsReadBack() throws Exception {
        BackupManifest m = new BackupManifest("b", TestBackups.CLUSTER, 4, 100, 2, 1, Instant.EPOCH,
                List.of(new BackupManifest.Part("shard-0", 1, 2, 3, 4, "0badf00d")),
                List.of(new BackupManifest.InFlight(50, "coord-0", true, 90)));
        m.write(tmp);
        assertThat(BackupManifest.read(tmp)).isEqualTo(m);
    }
}
