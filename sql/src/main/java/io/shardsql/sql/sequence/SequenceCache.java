package io.shardsql.sql.sequence;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.catalog.SequenceCodec;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The values of sequences one node hands out. A node reserves {@code CACHE} values of a sequence at a
 * time in a short transaction of its own on {@code \0sys/catalog/seqvalue/<id>} ({@link CatalogKeys})
 * and hands them out from memory, so most {@code nextval} calls cost no round trip. Consequences, as
 * with PostgreSQL's per-session cache: values are unique but not gapless (a node that restarts loses the
 * rest of its range) and, across nodes, not in call order; a reservation is never rolled back, whatever
 * becomes of the transaction that called nextval. An ALTER SEQUENCE (a new generation) drops the ranges
 * reserved under the old definition.
 *
 * <p>Thread-safe; one instance per node.
 */
public final class SequenceCache {
    private static final int ATTEMPTS = 20;

    private final TransactionManager txns;
    private final ConcurrentHashMap<Integer, Range> ranges = new ConcurrentHashMap<>();
    private final AtomicLong reservations = new AtomicLong();

    public SequenceCache(TransactionManager txns) {
        this.txns = txns;
    }

    /** The next value of {@code sequence}; 2200H when it has passed its MAXVALUE (MINVALUE). */
    public long next(SequenceDef sequence) {
        Range r = ranges.computeIfAbsent(sequence.id(), id -> new Range());
        synchronized (r) {
            if (r.left == 0 || r.generation != sequence.generation() || r.incarnation != sequence.incarnation()) {
                reserve(sequence, r);
            }
            long v = r.next;
            r.left--;
            if (r.left > 0) r.next = v + sequence.increment();
            return v;
        }
    }

    /**
     * Sets the value of {@code sequence} ({@code setval}): the next nextval on any node that has no range
     * of it left returns {@code value} ({@code called} false) or the value after it. This node drops its
     * range; other nodes use theirs up first (as other sessions do in PostgreSQL).
     */
    public void set(SequenceDef sequence, long value, boolean called) {
        if (value < sequence.min() || value > sequence.max()) {
            throw new ShardSqlException(ErrorCode.NUMERIC_VALUE_OUT_OF_RANGE, "setval: value " + value
                    + " is out of bounds for sequence \"" + sequence.name() + "\" (" + sequence.min() + ".."
                    + sequence.max() + ")");
        }
        Range r = ranges.computeIfAbsent(sequence.id(), id -> new Range());
        synchronized (r) {
            byte[] key = CatalogKeys.sequenceValue(sequence.id());
            txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
                tx.put(key, SequenceCodec.encodeValue(new SequenceCodec.Value(sequence.incarnation(), value, called)));
                return null;
            });
            r.left = 0;
        }
    }

    /** How many ranges this node has reserved (tests, benchmarks). */
    public long reservations() {
        return reservations.get();
    }

    private void reserve(SequenceDef s, Range r) {
        byte[] key = CatalogKeys.sequenceValue(s.id());
        long[] got = txns.run(TxnMode.READ_WRITE, ATTEMPTS, tx -> {
            SequenceCodec.Value v = tx.get(key).map(SequenceCodec::decodeValue)
                    .filter(stored -> stored.incarnation() == s.incarnation())
                    .orElse(new SequenceCodec.Value(s.incarnation(), s.start(), false));
            long first = v.called() ? step(s, v.last()) : v.last();
            if (first < s.min() || first > s.max()) throw exhausted(s);
            long count = Math.min(s.cache(), room(s, first) + 1);
            long last = first + (count - 1) * s.increment();
            tx.put(key, SequenceCodec.encodeValue(new SequenceCodec.Value(s.incarnation(), last, true)));
            return new long[] {first, count};
        });
        reservations.incrementAndGet();
        r.next = got[0];
        r.left = got[1];
        r.generation = s.generation();
        r.incarnation = s.incarnation();
    }

    /** How many values after {@code first} there are before the end of the range (at most Long.MAX_VALUE - 1). */
    private static long room(SequenceDef s, long first) {
        try {
            return s.increment() > 0 ? Math.subtractExact(s.max(), first) / s.increment()
                    : Math.subtractExact(first, s.min()) / Math.negateExact(s.increment());
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE - 1; // more than any CACHE
        }
    }

    /** The value after {@code last}; past the range when that overflows. */
    private static long step(SequenceDef s, long last) {
        try {
            return Math.addExact(last, s.increment());
        } catch (ArithmeticException e) {
            throw exhausted(s);
        }
    }

    private static ShardSqlException exhausted(SequenceDef s) {
        return new ShardSqlException(ErrorCode.SEQUENCE_LIMIT_EXCEEDED, s.increment() > 0
                ? "nextval: reached maximum value of sequence \"" + s.name() + "\" (" + s.max() + ")"
                : "nextval: reached minimum value of sequence \"" + s.name() + "\" (" + s.min() + ")");
    }

    private static final class Range {
        long next;
        long left;
        int generation;
        long incarnation;
    }
}
