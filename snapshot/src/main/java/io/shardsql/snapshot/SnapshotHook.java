package io.shardsql.snapshot;

/**
 * Where a running snapshot is, for tests that inject faults between its steps; called on the thread
 * that runs SNAPSHOT. A hook that throws fails the snapshot.
 */
@FunctionalInterface
public interface SnapshotHook {
    /** Does nothing. */
    SnapshotHook NONE = (step, epoch) -> { };

    /** The steps of a snapshot, in order. */
    enum Step {
        /** Phase 1 done: every coordinator applied the marker; no shard has yet. */
        COORDINATORS_MARKED,
        /** Phase 2 done: every group applied the marker; every part is sealed on its replicas. */
        MARKED,
        /** Every part is copied into the backup and verified. */
        COPIED,
        /** The MANIFEST is written; the registry is not yet told. */
        SEALED
    }

    /** The snapshot of {@code epoch} reached {@code step}. */
    void reached(Step step, long epoch);
}
