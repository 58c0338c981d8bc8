package io.shardsql.snapshot.restore;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.snapshot.BackupManifest;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.ShardMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which part of a backup seeds which group on which node of the target cluster: {@code control} and
 * every {@code shard-i} from their parts, on every member the target layout places the group on.
 * Coordinator groups start empty. The shard count must be the backup's, since keys are placed by
 * {@code floorMod(mix(crc32c(key)), shards)}; members, replication and coordinator count may differ.
 *
 * @param backup   the backup directory
 * @param manifest its verified manifest
 * @param target   the target cluster's layout
 * @param seeds    one per seeded group, control first
 */
public record RestorePlan(Path backup, BackupManifest manifest, ShardMap target, List<Seed> seeds) {
    /** The part of {@code group} in {@code part}, to be seeded into {@code nodeDirs} (each a node's data dir). */
    public record Seed(GroupName group, Path part, long bytes, List<Path> nodeDirs) {
        public Seed {
            nodeDirs = List.copyOf(nodeDirs);
        }
    }

    public RestorePlan {
        seeds = List.copyOf(seeds);
    }

    /**
     * The plan for restoring {@code manifest}'s backup in {@code backup} into {@code target}, whose member
     * {@code id} keeps its data in {@code nodeDir.apply(id)}; {@code CONFIG_INVALID} if the shard counts differ.
     */
    public static RestorePlan of(Path backup, BackupManifest manifest, ShardMap target,
            Function<String, Path> nodeDir) {
        return plan(backup, manifest, target, id -> true, nodeDir);
    }

    /**
     * The plan for restoring one node of a multi-machine cluster ({@code node --config}): member
     * {@code nodeId} of {@code target}, whose data directory is {@code dataDir}, gets a seed of each group
     * the layout places on it, and nothing else; every member is restored the same way on its machine.
     */
    public static RestorePlan forNode(Path backup, BackupManifest manifest, ShardMap target, String nodeId,
            Path dataDir) {
        if (target.groupsOf(nodeId).isEmpty()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "node " + nodeId + " hosts no group of the"
                    + " target cluster's layout");
        }
        return plan(backup, manifest, target, nodeId::equals, id -> dataDir);
    }

    /** Seeds of {@code control} and every shard on the members {@code restored} accepts. */
    private static RestorePlan plan(Path backup, BackupManifest manifest, ShardMap target,
            Predicate<String> restored, Function<String, Path> nodeDir) {
        if (target.shardCount() != manifest.shards()) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID, "the backup has " + manifest.shards()
                    + " shards and the target cluster " + target.shardCount()
                    + ": a restore needs the same shard count (keys are placed by a hash modulo the shard count)");
        }
        List<Seed> seeds = new ArrayList<>();
        for (ShardMap.GroupLayout g : target.groups()) {
            if (g.name().kind() == GroupName.Kind.COORD) continue;
            List<String> members = g.replicas().stream().filter(restored).toList();
            if (members.isEmpty()) continue;
            BackupManifest.Part part = manifest.parts().stream().filter(p -> p.group().equals(g.name().toString()))
                    .findFirst().orElseThrow(() -> new ShardSqlException(ErrorCode.BACKUP_DAMAGED,
                            "the backup has no part for " + g.name()));
            seeds.add(new Seed(g.name(), backup.resolve(part.group()), part.bytes(),
                    members.stream().map(nodeDir).toList()));
        }
        return new RestorePlan(backup, manifest, target, seeds);
    }

    /** The bytes of every part to copy (as the manifest tells them). */
    public long bytes() {
        return seeds.stream().mapToLong(s -> Math.max(0, s.bytes())).sum();
    }
}
