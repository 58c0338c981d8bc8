package io.shardsql.snapshot;

import java.util.Map;
import java.util.Set;

/**
 * Where a snapshot is in its life. A snapshot is listed COMPLETE only once its {@code MANIFEST} is
 * written (last); a failed, cancelled or abandoned one is FAILED, with the reason, and is never
 * verified or restored as complete.
 *
 * <pre>
 *   RUNNING ──► COMPLETE
 *      └──────► FAILED
 * </pre>
 */
public enum SnapshotState {
    RUNNING, COMPLETE, FAILED;

    private static final Map<SnapshotState, Set<SnapshotState>> NEXT = Map.of(
            RUNNING, Set.of(COMPLETE, FAILED),
            COMPLETE, Set.of(),
            FAILED, Set.of());

    /** Whether a snapshot in this state may move to {@code next}. */
    public boolean canMoveTo(SnapshotState next) {
        return NEXT.get(this).contains(next);
    }
}
