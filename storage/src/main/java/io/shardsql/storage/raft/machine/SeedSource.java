package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.GroupName;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a replica that starts with no state of its own (no store, no snapshot) finds the state its group
 * starts from: a store checkpoint sealed by {@code CHECKPOINT.crc} ({@link Checkpoints}), written by a
 * restore into {@code <node data dir>/restore/<group>/}. Its applied index is none, so the group's new
 * log applies on top of it from its first entry.
 */
@FunctionalInterface
public interface SeedSource {
    /** No seeds: replicas without state start empty. */
    SeedSource NONE = group -> Optional.empty();

    /** The directory of {@code group}'s seed, if this node has one. */
    Optional<Path> seed(GroupName group);
}
