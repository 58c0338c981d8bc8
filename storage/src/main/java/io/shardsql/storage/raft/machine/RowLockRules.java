package io.shardsql.storage.raft.machine;

import io.shardsql.storage.Lock;

import java.util.Optional;

/**
 * Which holds on a key coexist with a row lock ({@code SELECT ... FOR UPDATE / FOR SHARE}), and the lock
 * value a key carries once the row lock is taken. The table, for transaction T asking for a row lock
 * while others hold the key:
 *
 * <pre>
 *   held by others      | T asks SHARED | T asks EXCLUSIVE
 *   --------------------+---------------+-----------------
 *   nothing             | granted       | granted
 *   SHARED (any number) | granted       | in the way
 *   EXCLUSIVE           | in the way    | in the way
 *   WRITE (an intent)   | in the way    | in the way
 * </pre>
 *
 * T's own hold is never in its way: it keeps the stronger of what it holds and what it asks (a write
 * intent over a row lock, exclusive over shared); a shared lock it holds alone becomes exclusive.
 */
final class RowLockRules {
    private RowLockRules() {}

    /** The hold of another transaction that keeps {@code startTs} from taking a {@code mode} lock, if any. */
    static Optional<Lock> blocking(Optional<Lock> current, long startTs, Lock.Mode mode) {
        if (current.isEmpty()) return Optional.empty();
        for (Lock h : current.get().holders()) {
            if (h.startTs() == startTs) continue;
            if (mode == Lock.Mode.SHARED && h.mode() == Lock.Mode.SHARED) continue;
            return Optional.of(h);
        }
        return Optional.empty();
    }

    /**
     * The lock value the key carries once {@code mine} (a single-holder row lock) is granted over {@code current}
     * ({@link #blocking} found nothing in the way); empty when nothing changes.
     */
    static Optional<Lock> merged(Optional<Lock> current, Lock mine) {
        if (current.isEmpty()) return Optional.of(mine);
        Lock now = current.get();
        Optional<Lock> own = now.heldBy(mine.startTs());
        if (own.isEmpty()) return Optional.of(now.withSharer(mine)); // shared among others
        Lock.Mode held = own.get().mode();
        if (held == Lock.Mode.WRITE || held == Lock.Mode.EXCLUSIVE || held == mine.mode()) return Optional.empty();
        return Optional.of(mine); // own SHARED, asked EXCLUSIVE, and no one else holds it (else blocking)
    }
}
