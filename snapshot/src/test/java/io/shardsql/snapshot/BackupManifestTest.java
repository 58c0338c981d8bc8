package io.shardsql.snapshot;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The manifest reads back what it wrote, from text and from a backup directory, and refuses an altered one. */
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

    @Test
    void roundTripsAndRefusesAlterations() {
        BackupManifest m = new BackupManifest("bank-1", UUID.randomUUID(), 1, 470972119903109120L, 2, 1,
                Instant.parse("2026-12-07T04:00:57Z"), List.of(new BackupManifest.Part("coord-0", 1, 5, 0, 100,
                "0a0b0c0d")), List.of(new BackupManifest.InFlight(5, "coord-0", true, 7)));
        String text = m.encode();
        assertThat(BackupManifest.decode(text)).isEqualTo(m);
        assertThatThrownBy(() -> BackupManifest.decode(text.replace("epoch 1", "epoch 2")))
                .hasMessageContaining("checksum");
    }
}
