package io.shardsql.sql.sequence;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.privilege.Access;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.sql.privilege.Privilege;
import io.shardsql.txn.Transaction;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One session's view of the sequences: nextval through the node's {@link SequenceCache}, and the last
 * value nextval returned to this session for each sequence (what currval answers; 55000 before the first
 * nextval). Names are resolved in the catalog at the calling statement's snapshot, and the privileges
 * checked there (42501, before the sequence moves; docs/security.md):
 *
 * <pre>
 * nextval   USAGE or UPDATE on the sequence, or INSERT on the table that owns it (SERIAL, identity)
 * currval   USAGE or SELECT
 * setval    UPDATE
 * </pre>
 *
 * The sequence's owner (its creator, or the owning table's owner) and admins may do all three; so may the
 * engine's own sessions (no user). Not thread-safe (a session runs one statement at a time).
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

    /** The sequences as statement {@code tx} of {@code user} (null: the engine's own session) sees them. */
    public Bound bind(Transaction tx, String user) {
        return new Bound(tx, user);
    }

    /** The sequence functions of one statement, resolving names in its transaction's catalog. */
    public final class Bound {
        private final Transaction tx;
        private final String user;
        private CatalogSnapshot seen;
        private Grants accessGrants;
        private Access access;

        private Bound(Transaction tx, String user) {
            this.tx = tx;
            this.user = user;
        }

        public long nextval(String name) {
            SequenceDef s = resolve(name);
            Access a = access();
            boolean allowed = a.mayOnSequence(s.name(), s.ownedBy(), Privilege.USAGE, Privilege.UPDATE)
                    || s.owned() && a.may(Privilege.INSERT, s.ownedBy());
            Access.require(allowed, "permission denied for sequence " + s.name() + " (nextval needs USAGE or UPDATE)");
            long v = cache.next(s);
            lastValues.put(s.id(), v);
            return v;
        }

        public long currval(String name) {
            SequenceDef s = resolve(name);
            Access.require(access().mayOnSequence(s.name(), s.ownedBy(), Privilege.USAGE, Privilege.SELECT),
                    "permission denied for sequence " + s.name() + " (currval needs USAGE or SELECT)");
            Long v = lastValues.get(s.id());
            if (v == null) {
                throw new ShardSqlException(ErrorCode.OBJECT_NOT_IN_PREREQUISITE_STATE,
                        "currval of sequence \"" + s.name() + "\" is not yet defined in this session");
            }
            return v;
        }

        public long setval(String name, long value, boolean called) {
            SequenceDef s = resolve(name);
            Access.require(access().mayOnSequence(s.name(), s.ownedBy(), Privilege.UPDATE),
                    "permission denied for sequence " + s.name() + " (setval needs UPDATE)");
            cache.set(s, value, called);
            if (called) lastValues.put(s.id(), value);
            return value;
        }

        private SequenceDef resolve(String text) {
            String name = name(text);
            seen = catalog.read(tx);
            return seen.sequence(name).orElseThrow(() -> new ShardSqlException(
                    ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
        }

        /** The user's access under the catalog {@link #resolve} read last (made again only when that changes). */
        private Access access() {
            Grants g = seen.grants();
            if (access == null || g != accessGrants) {
                access = Access.of(user, g);
                accessGrants = g;
            }
            return access;
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
