package io.shardsql.snapshot.restore;

import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.TestBackups;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import io.shardsql.storage.raft.machine.Checkpoints;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.shardsql.snapshot.TestBackups.b;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SeedWriterTest {
    @TempDir
    Path tmp;

    @Test
    void everyHostOfControlAndOfEachShardGetsASealedNormalizedSeedAndTheBackupIsUntouched() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        String manifestBefore = Files.readString(backup.resolve("MANIFEST"));
        BackupManifest m = BackupManifest.read(backup);
        ShardMap target = TestBackups.layout(2, "n1", "n2", "n3", "n4");
        RestorePlan plan = RestorePlan.of(backup, m, target, id -> tmp.resolve("data").resolve(id));
        assertThat(plan.seeds()).extracting(RestorePlan.Seed::group)
                .containsExactly(GroupName.CONTROL, GroupName.shard(0), GroupName.shard(1));

        List<String> steps = new ArrayList<>();
        new SeedWriter(InMemoryMvccStore::open, tmp.resolve("staging"), new RestoreListener() {
            @Override
            public void step(String group, String what) { steps.add(group + ": " + what); }
        }).write(plan, new CutNormalizer(m, target));

        for (ShardMap.GroupLayout g : target.groups()) {
            for (String node : g.replicas()) {
                Path seed = SeedWriter.seedDir(tmp.resolve("data").resolve(node), g.name());
                if (g.name().kind() == GroupName.Kind.COORD) {
                    assertThat(seed).doesNotExist();
                    continue;
                }
                Checkpoints.verify(Checkpoints.read(seed).orElseThrow());
                try (InMemoryMvccStore s = InMemoryMvccStore.openReadOnly(seed)) {
                    assertThat(s.appliedIndex()).isEqualTo(AppliedIndex.NONE);
                    assertThat(s.scanLocks(new byte[0], null, 10)).isEmpty();
                    if (g.name().equals(GroupName.shard(0))) {
                        assertThat(s.get(b("k2"), Long.MAX_VALUE)).contains(new KvEntry(b("k2"), b("v2"), 90));
                    }
                }
            }
        }
        assertThat(steps).contains("shard-1: copied 1 files").anyMatch(s -> s.startsWith("control: seeded on"));
        assertThat(tmp.resolve("staging")).doesNotExist();
        assertThat(Files.readString(backup.resolve("MANIFEST"))).isEqualTo(manifestBefore);
        assertThat(Files.exists(backup.resolve("shard-0").resolve("memstore.bin"))).isTrue();
    }

    @Test
    void aPlanForAnotherShardCountIsRefused() throws Exception {
        Path backup = TestBackups.standard().write(tmp.resolve("b"));
        BackupManifest m = BackupManifest.read(backup);
        assertThatThrownBy(() -> RestorePlan.of(backup, m, TestBackups.layout(4, "n1"), id -> tmp.resolve(id)))
                .isInstanceOf(ShardSqlException.class).hasMessageContaining("same shard count");
    }
}
