package io.shardsql.snapshot.restore;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.AppliedIndex;
import io.shardsql.storage.MvccStore;
import io.shardsql.storage.raft.GroupName;
import io.shardsql.storage.raft.machine.Checkpoints;
import io.shardsql.storage.raft.machine.StoreOpener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Carries out a {@link RestorePlan}: each part is copied to a staging directory (the backup is never
 * opened for writing), normalized there ({@link CutNormalizer}), and checkpointed, sealed by its
 * {@code CHECKPOINT.crc}, into {@code <node data dir>/restore/<group>/} of every node hosting the group.
 * A replica that starts with no state of its own restores from that seed.
 */
public final class SeedWriter {
    /** The directory of a node's data directory that holds its seeds. */
    public static final String RESTORE_DIR = "restore";

    private final StoreOpener opener;
    private final Path staging;
    private final RestoreListener listener;

    /**
     * @param opener   opens (read-write) a staged copy of a part
     * @param staging  where the copies are normalized; emptied when done
     * @param listener told of every step and of the bytes copied
     */
    public SeedWriter(StoreOpener opener, Path staging, RestoreListener listener) {
        this.opener = opener;
        this.staging = staging;
        this.listener = listener;
    }

    /** Where {@code group}'s seed is kept in the node data directory {@code nodeDir}. */
    public static Path seedDir(Path nodeDir, GroupName group) {
        return nodeDir.resolve(RESTORE_DIR).resolve(group.toString());
    }

    /** Seeds every group of {@code plan} on every node hosting it. */
    public void write(RestorePlan plan, CutNormalizer normalizer) throws IOException {
        listener.started(plan.seeds().size(), bytesOf(plan));
        long[] bytes = {0};
        int parts = 0;
        try {
            for (RestorePlan.Seed seed : plan.seeds()) {
                Path staged = staging.resolve(seed.group().toString());
                copyPart(seed, staged, bytes, parts);
                try (MvccStore store = opener.open(staged)) {
                    CutNormalizer.Outcome outcome = normalizer.normalize(seed.group(), store);
                    listener.step(seed.group().toString(), "normalized: " + outcome.describe());
                    List<String> nodes = new ArrayList<>();
                    for (Path nodeDir : seed.nodeDirs()) {
                        Checkpoints.take(store, seedDir(nodeDir, seed.group()), AppliedIndex.NONE.term(),
                                AppliedIndex.NONE.index());
                        nodes.add(nodeDir.getFileName().toString());
                    }
                    listener.step(seed.group().toString(), "seeded on " + String.join(", ", nodes));
                }
                Checkpoints.deleteTree(staged);
                listener.progress(++parts, bytes[0]);
            }
        } finally {
            Checkpoints.deleteTree(staging);
        }
        listener.finished();
    }

    /** The bytes of the files of every part to copy. */
    private static long bytesOf(RestorePlan plan) throws IOException {
        long total = 0;
        for (RestorePlan.Seed seed : plan.seeds()) {
            Optional<Checkpoints.Checkpoint> cp = Checkpoints.read(seed.part());
            if (cp.isEmpty()) continue;
            for (String f : cp.get().files()) total += Files.size(seed.part().resolve(f));
        }
        return total;
    }

    /** Copies the files the part's {@code CHECKPOINT.crc} names into {@code staged}. */
    private void copyPart(RestorePlan.Seed seed, Path staged, long[] bytes, int partsDone) throws IOException {
        Checkpoints.Checkpoint cp = Checkpoints.read(seed.part()).orElseThrow(() -> new ShardSqlException(
                ErrorCode.BACKUP_DAMAGED, "part " + seed.part() + " has no sound " + Checkpoints.MANIFEST));
        Checkpoints.deleteTree(staged);
        Files.createDirectories(staged);
        for (String f : cp.files()) {
            Path src = seed.part().resolve(f);
            Files.copy(src, staged.resolve(f));
            bytes[0] += Files.size(src);
            listener.progress(partsDone, bytes[0]);
        }
        listener.step(seed.group().toString(), "copied " + cp.files().size() + " files");
    }
}
