package io.shardsql.snapshot;

import java.util.Map;
import java.util.Set;

/**
 * Where a snapshot is in its life. A snapshot is listed COMPLETE only once its {@code MANIFEST} is
 * written (last); a failed, cancelled or abandoned one is FAILED, with the reason, and is never
 * verified or restored as complete. DROPPING marks a record whose files are being deleted by
 * {@code DROP SNAPSHOT} (a tombstone): the record goes once the files are gone; if the node that keeps
 * them could not be reached it returns to what it was; if the deletion broke off half-way it stays
 * DROPPING with the reason, and its files must not be trusted.
 *
 * <pre>
 *   RUNNING ──► COMPLETE ──► DROPPING ──► (record removed)
 *      └──────► FAILED ───────┘   └──► back to COMPLETE / FAILED (the node was not reached)
 * </pre>
 */
public enum SnapshotState {
    RUNNING, COMPLETE, FAILED, DROPPING;

    private static final Map<SnapshotState, Set<SnapshotState>> NEXT = Map.of(
            RUNNING, Set.of(COMPLETE, FAILED),
            COMPLETE, Set.of(DROPPING),
            FAILED, Set.of(DROPPING),
            DROPPING, Set.of(DROPPING, COMPLETE, FAILED));

    /** Whether a snapshot in this state may move to {@code next}. */
    public boolean canMoveTo(SnapshotState next) {
        return NEXT.get(this).contains(next);
    }
}
