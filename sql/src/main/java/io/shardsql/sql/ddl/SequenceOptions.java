package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.parser.SequenceOption;

import java.util.List;

/**
 * Turns the options of CREATE / ALTER SEQUENCE (and of an identity column) into a {@link SequenceDef},
 * with PostgreSQL's defaults: INCREMENT 1; an ascending sequence runs from 1 to the type's largest value,
 * a descending one from the type's smallest value to -1, starting at the near end; CACHE
 * {@link SequenceDef#DEFAULT_CACHE}. CYCLE is 0A000; contradictory options are 22023.
 */
final class SequenceOptions {
    private SequenceOptions() {}

    /** A sequence defined by {@code options} alone ({@code typeMax}: the largest value of its type). */
    static SequenceDef create(int id, String name, List<SequenceOption> options, long typeMax, String owner,
                              long incarnation) {
        check(options, false);
        long max = valueOf(options, SequenceOption.Kind.AS, typeMax);
        long increment = valueOf(options, SequenceOption.Kind.INCREMENT, 1);
        long lo = valueOf(options, SequenceOption.Kind.MINVALUE, increment > 0 ? 1 : -max - 1);
        long hi = valueOf(options, SequenceOption.Kind.MAXVALUE, increment > 0 ? max : -1);
        long start = valueOf(options, SequenceOption.Kind.START, increment > 0 ? lo : hi);
        long cache = valueOf(options, SequenceOption.Kind.CACHE, SequenceDef.DEFAULT_CACHE);
        return def(id, name, increment, start, lo, hi, cache, owner, 0, incarnation);
    }

    /** The result of an ALTER SEQUENCE: the new definition, and the value to restart at (null: keep going). */
    record Altered(SequenceDef sequence, Long restart) {}

    /** {@code old} with {@code options} applied; a new generation, so nodes drop the ranges they hold. */
    static Altered alter(SequenceDef old, List<SequenceOption> options) {
        check(options, true);
        long increment = valueOf(options, SequenceOption.Kind.INCREMENT, old.increment());
        long typeMax = valueOf(options, SequenceOption.Kind.AS, Long.MAX_VALUE);
        long lo = old.min();
        long hi = old.max();
        SequenceOption min = SequenceOption.last(options, SequenceOption.Kind.MINVALUE);
        if (min != null) lo = min.value() != null ? min.value() : increment > 0 ? 1 : -typeMax - 1;
        SequenceOption max = SequenceOption.last(options, SequenceOption.Kind.MAXVALUE);
        if (max != null) hi = max.value() != null ? max.value() : increment > 0 ? typeMax : -1;
        long start = valueOf(options, SequenceOption.Kind.START, old.start());
        long cache = valueOf(options, SequenceOption.Kind.CACHE, old.cache());
        SequenceDef def = def(old.id(), old.name(), increment, start, lo, hi, cache, old.ownedBy(),
                old.generation() + 1, old.incarnation());
        SequenceOption restart = SequenceOption.last(options, SequenceOption.Kind.RESTART);
        Long at = restart == null ? null : restart.value() != null ? restart.value() : def.start();
        if (at != null && (at < def.min() || at > def.max())) {
            throw invalid("RESTART value (" + at + ") cannot be outside [" + def.min() + ", " + def.max() + "]");
        }
        return new Altered(def, at);
    }

    private static void check(List<SequenceOption> options, boolean alter) {
        for (SequenceOption o : options) {
            if (o.kind() == SequenceOption.Kind.CYCLE) {
                throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "CYCLE sequences are not supported");
            }
            if (o.kind() == SequenceOption.Kind.RESTART && !alter) {
                throw new ShardSqlException(ErrorCode.SYNTAX_ERROR, "RESTART is an option of ALTER SEQUENCE only");
            }
        }
    }

    private static SequenceDef def(int id, String name, long increment, long start, long min, long max, long cache,
                                   String owner, int generation, long incarnation) {
        if (cache < 1 || cache > Integer.MAX_VALUE) throw invalid("CACHE (" + cache + ") must be greater than zero");
        try {
            return new SequenceDef(id, name, increment, start, min, max, (int) cache, owner, generation, incarnation);
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage());
        }
    }

    private static long valueOf(List<SequenceOption> options, SequenceOption.Kind kind, long otherwise) {
        SequenceOption o = SequenceOption.last(options, kind);
        return o == null || o.value() == null ? otherwise : o.value();
    }

    private static ShardSqlException invalid(String message) {
        return new ShardSqlException(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }
}
