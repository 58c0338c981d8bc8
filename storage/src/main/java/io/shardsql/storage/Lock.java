package io.shardsql.storage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The lock an unfinished transaction holds on one key: a write intent, which carries the value the
 * transaction will write if it commits ({@code null} for a delete), or a row lock
 * ({@code SELECT ... FOR UPDATE / FOR SHARE}), which carries no value and never becomes a version.
 *
 * <p>A key has at most one {@code Lock} value, which names one holder, or — for shared row locks —
 * several: the first holder's fields and {@link #sharers} (the other shared holders, each a
 * single-holder {@link Mode#SHARED} lock). A {@link Mode#WRITE} or {@link Mode#EXCLUSIVE} lock always
 * has a single holder. Reads ignore row locks (they never become versions); writers and lockers treat
 * every holder other than themselves as a conflict, except that shared row locks coexist.
 *
 * @param startTs    start timestamp of the (first) holding transaction (its identity on every shard)
 * @param owner      where the holding transaction's fate is decided, opaque to storage (the
 *                   transaction layer encodes it: its coordinator group, or "this shard's log")
 * @param value      the intended new value of a write intent, {@code null} for a delete or a row lock
 * @param ttlMillis  how long after {@code startTs}'s physical time the lock may be presumed abandoned
 * @param mode       what the holder does with the key
 * @param sharers    the other holders of a {@link Mode#SHARED} lock (empty for the other modes)
 */
public record Lock(long startTs, byte[] owner, byte[] value, long ttlMillis, Mode mode, List<Lock> sharers) {

    /** What a lock's holder does with the key. */
    public enum Mode {
        /** A write intent: the transaction writes {@code value} (or deletes the key) if it commits. */
        WRITE,
        /** A row lock of {@code FOR UPDATE}: no one else may lock or write the key. */
        EXCLUSIVE,
        /** A row lock of {@code FOR SHARE}: others may share it; no one may write or lock it exclusively. */
        SHARED;

        /** Whether the mode is a row lock (no value; never becomes a version). */
        public boolean rowLock() { return this != WRITE; }
    }

    public Lock {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(mode, "mode");
        sharers = List.copyOf(sharers);
        if (mode.rowLock() && value != null) throw new IllegalArgumentException("a row lock carries no value");
        if (mode != Mode.SHARED && !sharers.isEmpty()) throw new IllegalArgumentException(mode + " has one holder");
        for (Lock s : sharers) {
            if (s.mode != Mode.SHARED || !s.sharers.isEmpty()) throw new IllegalArgumentException("bad sharer " + s);
        }
    }

    /** A write intent (the form every lock had before row locks). */
    public Lock(long startTs, byte[] owner, byte[] value, long ttlMillis) {
        this(startTs, owner, value, ttlMillis, Mode.WRITE, List.of());
    }

    /** A single-holder row lock. */
    public static Lock rowLock(long startTs, byte[] owner, long ttlMillis, Mode mode) {
        if (!mode.rowLock()) throw new IllegalArgumentException("not a row-lock mode: " + mode);
        return new Lock(startTs, owner, null, ttlMillis, mode, List.of());
    }

    public boolean isDelete() { return mode == Mode.WRITE && value == null; }

    /** Whether this is a write intent (which may become a version), not a row lock. */
    public boolean isWrite() { return mode == Mode.WRITE; }

    /** Every holder as a single-holder lock, the first one first. */
    public List<Lock> holders() {
        if (sharers.isEmpty()) return List.of(this);
        List<Lock> all = new ArrayList<>(sharers.size() + 1);
        all.add(new Lock(startTs, owner, value, ttlMillis, mode, List.of()));
        all.addAll(sharers);
        return all;
    }

    /** The lock held by transaction {@code txStartTs}, if it is one of the holders. */
    public Optional<Lock> heldBy(long txStartTs) {
        for (Lock h : holders()) if (h.startTs == txStartTs) return Optional.of(h);
        return Optional.empty();
    }

    /** The first holder that is not transaction {@code txStartTs}, if any. */
    public Optional<Lock> otherThan(long txStartTs) {
        for (Lock h : holders()) if (h.startTs != txStartTs) return Optional.of(h);
        return Optional.empty();
    }

    /** This lock without transaction {@code txStartTs}'s hold: empty if it was the only holder. */
    public Optional<Lock> without(long txStartTs) {
        List<Lock> rest = new ArrayList<>(holders());
        rest.removeIf(h -> h.startTs == txStartTs);
        return of(rest);
    }

    /** This shared lock with {@code holder} (a single shared hold) added, or put in place of its earlier hold. */
    public Lock withSharer(Lock holder) {
        if (mode != Mode.SHARED || holder.mode != Mode.SHARED) throw new IllegalArgumentException("not shared");
        List<Lock> all = new ArrayList<>(holders());
        all.removeIf(h -> h.startTs == holder.startTs);
        all.add(holder.holders().get(0));
        return of(all).orElseThrow();
    }

    /** The one lock value that names {@code holders} (empty: none); more than one must all be shared. */
    public static Optional<Lock> of(List<Lock> holders) {
        if (holders.isEmpty()) return Optional.empty();
        Lock first = holders.get(0);
        return Optional.of(new Lock(first.startTs, first.owner, first.value, first.ttlMillis, first.mode,
                holders.subList(1, holders.size())));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Lock l && startTs == l.startTs && ttlMillis == l.ttlMillis && mode == l.mode
                && Arrays.equals(owner, l.owner) && Arrays.equals(value, l.value) && sharers.equals(l.sharers);
    }

    @Override
    public int hashCode() { return Long.hashCode(startTs) * 31 + Arrays.hashCode(owner); }

    @Override
    public String toString() {
        return "Lock[startTs=" + startTs + ", owner=" + Bytes.toHex(owner) + (mode == Mode.WRITE ? "" : ", " + mode)
                + (sharers.isEmpty() ? "" : ", sharers=" + sharers.stream().map(Lock::startTs).toList()) + "]";
    }
}
