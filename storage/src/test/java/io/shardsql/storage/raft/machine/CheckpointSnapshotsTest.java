package io.shardsql.storage.raft.machine;

import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.MvccBatch;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.rocksdb.RocksEnvironment;
import io.shardsql.storage.rocksdb.RocksMvccStore;
import io.shardsql.storage.rocksdb.RocksSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class CheckpointSnapshotsTest {
    @TempDir
    Path tmp;

    @Test
    void aSnapshotIsFoundVerifiedAndRestored() throws Exception {
        try (RocksEnvironment env = RocksEnvironment.create(RocksSettings.defaults());
             MvccStore store = RocksMvccStore.open(tmp.resolve("db"), env, false)) {
            try (MvccBatch b = store.newBatch()) {
                b.writeVersion("k".getBytes(), 5, "v".getBytes());
                b.setAppliedIndex(1, 7);
                b.commit();
            }
            CheckpointSnapshots snaps = new CheckpointSnapshots(tmp.resolve("snapshot"));
            snaps.take(store, 1, 7);
            snaps.take(store, 1, 8);
            try (MvccBatch b = store.newBatch()) {
                b.writeVersion("k2".getBytes(), 6, "w".getBytes());
                b.setAppliedIndex(1, 7);
                b.commit();
            }
            snaps.take(store, 1, 9);
            CheckpointSnapshots.Snapshot latest = snaps.latest().orElseThrow();
            assertThat(latest.index()).isEqualTo(9);
            assertThat(tmp.resolve("snapshot").toFile().list()).containsExactlyInAnyOrder("1_8", "1_9");
            snaps.verify(latest);
            snaps.restoreInto(latest, tmp.resolve("restored"));
            try (MvccStore restored = RocksMvccStore.open(tmp.resolve("restored"), env, false)) {
                assertThat(restored.get("k".getBytes(), 10).orElseThrow().value()).isEqualTo("v".getBytes());
                assertThat(restored.appliedIndex().index()).isEqualTo(7);
            }
            CheckpointSnapshots.Snapshot older = snaps.all().get(1);
            // damage a file only the newest snapshot has (older SSTs are hard links shared by both)
            Path sst = latest.dir().resolve(latest.files().stream()
                    .filter(f -> f.endsWith(".sst") && !older.files().contains(f)).findFirst().orElseThrow());
            try (RandomAccessFile f = new RandomAccessFile(sst.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
            assertThatThrownBy(() -> snaps.verify(latest)).isInstanceOf(ShardSqlException.class).hasMessageContaining("damaged");

            // the older snapshot (kept for exactly this) is still sound, and the damaged newer one can go
            assertThat(older.index()).isEqualTo(8);
            snaps.verify(older);
            snaps.deleteNewerThan(older);
            assertThat(snaps.latest().orElseThrow().index()).isEqualTo(8);
        }
    }
}
