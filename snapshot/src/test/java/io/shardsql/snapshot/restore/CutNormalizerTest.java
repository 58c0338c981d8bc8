package io.shardsql.snapshot.restore;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.TestBackups;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.storage.memory.InMemoryMvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

import static io.shardsql.snapshot.TestBackups.b;
import static io.shardsql.snapshot.TestBackups.coord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CutNormalizerTest {
    private final TestBackups backup = TestBackups.standard();
    private final ShardMap target = TestBackups.layout(2, "n1", "n2", "n3");
    private final CutNormalizer normalizer = new CutNormalizer(manifest(backup.inFlight), target);

    @Test
    void aShardKeepsExactlyWhatCommittedBelowTheCut() {
        InMemoryMvccStore s = backup.stores.get("shard-0");
        CutNormalizer.Outcome o = normalizer.normalize(GroupName.shard(0), s);

        assertThat(o.versionsDropped()).isEqualTo(1);
        assertThat(o.locksIn()).isEqualTo(1);
        assertThat(o.locksOut()).isEqualTo(2);
        assertThat(s.get(b("k1"), Long.MAX_VALUE)).contains(new KvEntry(b("k1"), b("a"), 10));
        assertThat(s.get(b("k2"), Long.MAX_VALUE)).contains(new KvEntry(b("k2"), b("v2"), 90));
        assertThat(s.get(b("k2"), 89)).isEmpty();
        assertThat(s.get(b("k3"), Long.MAX_VALUE)).isEmpty();
        assertThat(s.get(b("k4"), Long.MAX_VALUE)).isEmpty();
        assertThat(s.scanLocks(new byte[0], null, 10)).isEmpty();
        assertThat(s.metaScan("snapshot.", 10)).isEmpty();
        assertThat(s.meta("gc.safe-point")).isPresent();
        assertThat(s.appliedIndex()).isEqualTo(AppliedIndex.NONE);
    }

    @Test
    void theOtherShardOfAnInTransactionGetsItsHalfAtTheSameTimestamp() {
        InMemoryMvccStore s = backup.stores.get("shard-1");
        normalizer.normalize(GroupName.shard(1), s);
        assertThat(s.get(b("k6"), Long.MAX_VALUE)).contains(new KvEntry(b("k6"), b("v6"), 90));
        assertThat(s.get(b("k7"), Long.MAX_VALUE)).isEmpty(); // committed at 130, above the cut: out
        assertThat(s.get(b("k5"), Long.MAX_VALUE)).contains(new KvEntry(b("k5"), b("e"), 20));
    }

    @Test
    void aSettledDeleteHidesTheKey() {
        backup.batch("shard-1", w -> {
            w.writeVersion(b("d"), 10, b("old"));
            w.putLock(b("d"), new Lock(50, coord(0), null, 1000));
        });
        normalizer.normalize(GroupName.shard(1), backup.stores.get("shard-1"));
        assertThat(backup.stores.get("shard-1").get(b("d"), Long.MAX_VALUE)).isEmpty();
        assertThat(backup.stores.get("shard-1").get(b("d"), 89)).isPresent();
    }

    @Test
    void rowLocksOfATransactionInTheCutNeverBecomeData() {
        backup.batch("shard-1", w -> {
            w.writeVersion(b("r"), 10, b("old"));
            w.putLock(b("r"), Lock.rowLock(50, coord(0), 1000, Lock.Mode.EXCLUSIVE)); // 50 is in, at 90
            w.putLock(b("s"), Lock.rowLock(50, coord(0), 1000, Lock.Mode.SHARED)
                    .withSharer(Lock.rowLock(60, coord(0), 1000, Lock.Mode.SHARED)));
        });
        InMemoryMvccStore s = backup.stores.get("shard-1");

        normalizer.normalize(GroupName.shard(1), s);

        assertThat(s.get(b("r"), Long.MAX_VALUE)).contains(new KvEntry(b("r"), b("old"), 10));
        assertThat(s.latestCommitTs(b("s"))).isZero();
        assertThat(s.scanLocks(new byte[0], null, 10)).isEmpty();
    }

    @Test
    void controlGetsTheTargetShardMapAndLosesTheSourcesRuntimeKeys() {
        InMemoryMvccStore s = backup.stores.get("control");
        CutNormalizer.Outcome o = normalizer.normalize(GroupName.CONTROL, s);

        assertThat(o.shardMapRewritten()).isTrue();
        assertThat(o.systemKeysDeleted()).isEqualTo(2);
        assertThat(s.get(ShardMap.CONTROL_KEY, Long.MAX_VALUE).orElseThrow().value()).isEqualTo(target.encode());
        assertThat(s.get(b("\0sys/txn-active/n1"), Long.MAX_VALUE)).isEmpty();
        assertThat(s.get(b("\0sys/snapshot/b"), Long.MAX_VALUE)).isEmpty();
        assertThat(s.get(b("\0sys/auth/user/admin"), Long.MAX_VALUE)).isPresent();
        assertThat(ByteBuffer.wrap(s.meta("tso.limit").orElseThrow()).getLong()).isEqualTo(200);
        assertThat(s.appliedIndex()).isEqualTo(AppliedIndex.NONE);
    }

    @Test
    void theTimestampLimitIsRaisedToTheCutIfBelow() {
        backup.batch("control", w -> w.putMeta("tso.limit", ByteBuffer.allocate(8).putLong(7).array()));
        normalizer.normalize(GroupName.CONTROL, backup.stores.get("control"));
        assertThat(ByteBuffer.wrap(backup.stores.get("control").meta("tso.limit").orElseThrow()).getLong())
                .isEqualTo(TestBackups.CUT);
    }

    @Test
    void anotherShardCountIsRefused() {
        CutNormalizer wrong = new CutNormalizer(manifest(backup.inFlight), TestBackups.layout(3, "n1", "n2", "n3"));
        assertThatThrownBy(() -> wrong.normalize(GroupName.CONTROL, backup.stores.get("control")))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }

    @Test
    void aLockTheManifestDoesNotListIsRefused() {
        CutNormalizer without = new CutNormalizer(manifest(backup.inFlight.subList(1, 4)), target);
        assertThatThrownBy(() -> without.normalize(GroupName.shard(0), backup.stores.get("shard-0")))
                .isInstanceOfSatisfying(ShardSqlException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP_DAMAGED));
    }

    static BackupManifest manifest(List<BackupManifest.InFlight> inFlight) {
        return new BackupManifest("b1", TestBackups.CLUSTER, 1, TestBackups.CUT, 2, 1, Instant.EPOCH, List.of(),
                inFlight);
    }
}
