package io.shardsql.testkit.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes list-append transactions: 1 to {@code maxOps} steps, each a read or an append on one of
 * {@code activeKeys} keys; a third of them read a key and then append to it (the pattern that loses
 * updates if write conflicts go unchecked). Every appended value is unique (one counter for all keys).
 * A key takes at most {@code appendsPerKey} appends, then its slot moves on to a fresh key, so lists
 * stay short and reads cheap however long the run (Elle's key rotation). Thread-safe.
 */
public final class ListAppendGenerator {
    private final int activeKeys;
    private final int appendsPerKey;
    private final int maxOps;
    private final int[] generation;
    private final int[] appended;
    private final Set<Long> used = new TreeSet<>();
    private long nextValue;

    public ListAppendGenerator(int activeKeys, int appendsPerKey, int maxOps) {
        if (activeKeys < 1 || appendsPerKey < 1 || maxOps < 1) throw new IllegalArgumentException("sizes must be >= 1");
        this.activeKeys = activeKeys;
        this.appendsPerKey = appendsPerKey;
        this.maxOps = maxOps;
        this.generation = new int[activeKeys];
        this.appended = new int[activeKeys];
    }

    /** The steps of a new transaction. */
    public synchronized List<MicroOp> next(Random random) {
        List<MicroOp> ops = new ArrayList<>();
        int steps = 1 + random.nextInt(maxOps);
        if (random.nextInt(3) == 0) {
            int slot = random.nextInt(activeKeys);
            ops.add(MicroOp.Read.of(key(slot)));
            ops.add(append(slot));
        }
        while (ops.size() < steps) {
            int slot = random.nextInt(activeKeys);
            ops.add(random.nextBoolean() ? MicroOp.Read.of(key(slot)) : append(slot));
        }
        return ops;
    }

    /** Every key a transaction was given so far, in order. */
    public synchronized List<Long> keysUsed() { return List.copyOf(used); }

    private long key(int slot) {
        long k = slot + (long) activeKeys * generation[slot];
        used.add(k);
        return k;
    }

    private MicroOp append(int slot) {
        MicroOp op = new MicroOp.Append(key(slot), ++nextValue);
        if (++appended[slot] >= appendsPerKey) {
            generation[slot]++;
            appended[slot] = 0;
        }
        return op;
    }
}
