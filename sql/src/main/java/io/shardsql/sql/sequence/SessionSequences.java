package io.shardsql.sql.sequence;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.txn.Transaction;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One session's view of the sequences: nextval through the node's {@link SequenceCache}, and the last
 * value nextval returned to this session for each sequence (what currval answers; 55000 before the first
 * nextval). Names are resolved in the catalog at the calling statement's snapshot. Not thread-safe (a
 * session runs one statement at a time).
 */
public final class SessionSequences {
    /** The key under which a statement's {@link Bound} sequences are in its DataContext. */
    public static final String CONTEXT_KEY = "shardsql.sequences";

    private final SequenceCache cache;
    private final CatalogStore catalog;
    private final Map<Integer, Long> lastValues = new HashMap<>();

    public SessionSequences(SequenceCache cache, CatalogStore catalog) {
        this.cache = cache;
        this.catalog = catalog;
    }

    /**
     * The sequences as statement {@code tx} sees them; {@code maySet} says whether its user may call
     * {@code setval} (an admin: sequences have no grants of their own yet, docs/security.md).
     */
    public Bound bind(Transaction tx, BooleanSupplier maySet) {
        return new Bound(tx, maySet);
    }

    /** The sequence functions of one statement, resolving names in its transaction's catalog. */
    public final class Bound {
        private final Transaction tx;
        private final BooleanSupplier maySet;

        private Bound(Transaction tx, BooleanSupplier maySet) {
            this.tx = tx;
            this.maySet = maySet;
        }

        public long nextval(String name) {
            SequenceDef s = resolve(name);
            long v = cache.next(s);
            lastValues.put(s.id(), v);
            return v;
        }

        public long currval(String name) {
            SequenceDef s = resolve(name);
            Long v = lastValues.get(s.id());
            if (v == null) {
                throw new ShardSqlException(ErrorCode.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "currval of sequence \"" + s.name() + "\" is not yet defined in this session");
            }
            return v;
        }

        public long setval(String name, long value, boolean called) {
            SequenceDef s = resolve(name);
            if (!maySet.getAsBoolean()) {
                throw new ShardSqlException(ErrorCode.INSUFFICIENT_PRIVILEGE,
                        "permission denied for sequence " + s.name() + ": setval needs admin");
            }
            cache.set(s, value, called);
            if (called) lastValues.put(s.id(), value);
            return value;
        }

        private SequenceDef resolve(String text) {
            String name = name(text);
            return catalog.read(tx).sequence(name).orElseThrow(() -> new ShardSqlException(
                    ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
        }
    }

    /**
     * The sequence a function argument names, as PostgreSQL reads a regclass: an unquoted name folds to
     * lower case, a double-quoted one is taken as written; a schema before a dot is not ours to check.
     */
    public static String name(String text) {
        String t = text.trim();
        if (t.length() >= 2 && t.endsWith("\"")) {
            int open = t.lastIndexOf('"', t.length() - 2);
            if (open >= 0) return t.substring(open + 1, t.length() - 1).replace("\"\"", "\"");
        }
        int dot = t.lastIndexOf('.');
        if (dot >= 0) t = t.substring(dot + 1);
        return t.toLowerCase(Locale.ROOT);
    }
}
