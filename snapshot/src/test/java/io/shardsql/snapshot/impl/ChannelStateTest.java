package io.shardsql.snapshot.impl;

import io.shardsql.snapshot.BackupManifest;
import io.shardsql.snapshot.SnapshotInfo;
import io.shardsql.snapshot.SnapshotState;
import io.shardsql.storage.Lock;
import io.shardsql.storage.raft.GroupName;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outcome of each kind of in-flight lock at a cut, and the registry's record codec. */
class ChannelStateTest {
    private static final long S = 1000;
    private static final GroupName SHARD = GroupName.shard(1);

    private static Lock lock(long startTs, byte[] owner) {
        return new Lock(startTs, owner, new byte[] {1}, 5000);
    }

    private static byte[] coord(int k) {
        return ByteBuffer.allocate(5).put((byte) 2).putInt(k).array();
    }

    @Test
    void settlesEachKindOfLock() {
        ChannelState cs = new ChannelState(S, Map.of(0, Map.of(10L, 500L, 11L, 0L, 12L, 1000L, 13L, 1500L),
                1, Map.of(20L, 999L)));
        assertThat(cs.settle(SHARD, lock(10, coord(0))))
                .isEqualTo(new BackupManifest.InFlight(10, "coord-0", true, 500));
        assertThat(cs.settle(SHARD, lock(11, coord(0))).in()).as("aborted").isFalse();
        assertThat(cs.settle(SHARD, lock(12, coord(0))).in()).as("decided at S").isFalse();
        assertThat(cs.settle(SHARD, lock(13, coord(0))).in()).as("decided above S").isFalse();
        assertThat(cs.settle(SHARD, lock(14, coord(0))).in()).as("undecided").isFalse();
        assertThat(cs.settle(SHARD, lock(20, coord(1))))
                .isEqualTo(new BackupManifest.InFlight(20, "coord-1", true, 999));
        assertThat(cs.settle(SHARD, lock(20, coord(0))).in()).as("the same transaction answers once").isTrue();
        assertThat(cs.settle(SHARD, lock(30, new byte[] {1}))).as("a one-shard transaction is its part's own")
                .isEqualTo(new BackupManifest.InFlight(30, "shard-1", false, 0));
        assertThat(cs.settle(SHARD, lock(2000, coord(1))).in()).as("begun after the cut").isFalse();
        assertThat(cs.transactions()).extracting(BackupManifest.InFlight::startTs)
                .containsExactly(10L, 11L, 12L, 13L, 14L, 20L, 30L, 2000L);
        assertThatThrownBy(() -> cs.settle(SHARD, lock(40, new byte[] {9, 9})))
                .hasMessageContaining("unknown lock owner");
    }

    @Test
    void recordsRoundTrip() {
        SnapshotInfo running = new SnapshotInfo("b1", "n1", "/x/b1", 3, 77, SnapshotState.RUNNING, 2, 5, 1234, -1,
                Instant.ofEpochMilli(1_700_000_000_000L), null, null);
        assertThat(SnapshotRecords.decode(SnapshotRecords.encode(running))).isEqualTo(running);
        SnapshotInfo failed = new SnapshotInfo("b1", "n1", "/x/b1", 3, 77, SnapshotState.FAILED, 2, 5, 1234, 9,
                Instant.ofEpochMilli(1_700_000_000_000L), Instant.ofEpochMilli(1_700_000_000_500L), "TIMEOUT: late");
        assertThat(SnapshotRecords.decode(SnapshotRecords.encode(failed))).isEqualTo(failed);
    }
}
