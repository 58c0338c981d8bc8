package io.shardsql.storage.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ShardMapTest {
    private final List<ShardMap.Member> members = List.of(
            new ShardMap.Member("n1", "127.0.0.1", 9570, 9470),
            new ShardMap.Member("n2", "127.0.0.1", 9571, 9471),
            new ShardMap.Member("n3", "127.0.0.1", 9572, 9472));
    private final ShardMap map = ShardMap.initial(UUID.randomUUID(), members, 4, 2, 3);

    @Test
    void theLayoutHasControlShardsAndCoordinatorsWithLeadersSpreadOverMembers() {
        assertThat(map.shardCount()).isEqualTo(4);
        assertThat(map.coordinatorCount()).isEqualTo(2);
        assertThat(map.group(GroupName.CONTROL).replicas().get(0)).isEqualTo("n1");
        assertThat(map.group(GroupName.shard(0)).replicas().get(0)).isEqualTo("n2");
        assertThat(map.group(GroupName.coord(0)).replicas().get(0)).isEqualTo("n3"); // (4 + 1 + 0) mod 3 = 2
        assertThat(ShardMap.decode(map.encode())).isEqualTo(map);
    }

    @Test
    void systemKeysLiveInControlAndDataKeysInTheirShard() {
        assertThat(map.groupOf(ShardMap.CONTROL_KEY)).isEqualTo(GroupName.CONTROL);
        assertThat(map.groupOf(bytes("\0sys/catalog/t"))).isEqualTo(GroupName.CONTROL);
        byte[] row = {0, 0, 0, 7, 1, 2};
        assertThat(map.groupOf(row)).isEqualTo(GroupName.shard(map.shardOf(row)));
        assertThat(map.groupOf(bytes("\0sy"))).isEqualTo(GroupName.shard(map.shardOf(bytes("\0sy"))));
    }

    @Test
    void aRangeTouchesControlOnlyWhereItOverlapsTheSystemKeys() {
        List<GroupName> everything = map.groupsFor(new byte[0], null);
        assertThat(everything).contains(GroupName.CONTROL).hasSize(5);
        assertThat(map.groupsFor(bytes("\0sys/catalog/"), bytes("\0sys/catalog0"))).containsExactly(GroupName.CONTROL);
        assertThat(map.groupsFor(new byte[] {0, 0, 0, 7}, new byte[] {0, 0, 0, 8})).hasSize(4).doesNotContain(GroupName.CONTROL);
        assertThat(map.groupsFor(bytes("a"), null)).doesNotContain(GroupName.CONTROL);
    }

    @Test
    void groupNamesSortControlCoordinatorsShards() {
        assertThat(List.of(GroupName.shard(1), GroupName.coord(0), GroupName.CONTROL, GroupName.shard(0)).stream().sorted())
                .containsExactly(GroupName.CONTROL, GroupName.coord(0), GroupName.shard(0), GroupName.shard(1));
    }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
}
