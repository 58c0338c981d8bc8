package io.shardsql.sql.catalog;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.sql.privilege.AclCodec;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;

import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The catalog in the {@code control} group ({@link CatalogKeys} draws the keys):
 *
 * <pre>
 * \0sys/catalog/version            → | version (8, BE) |
 * \0sys/catalog/next-id            → | next free table/index id (4, BE) |
 * \0sys/catalog/table/&lt;name&gt;       → CatalogCodec(TableDef)
 * \0sys/catalog/sequence/&lt;name&gt;    → SequenceCodec(SequenceDef)
 * \0sys/catalog/acl/...              → AclCodec(Acl): owners and grants (privileges, {@link Grants})
 * \0sys/catalog/role/&lt;name&gt;        → AclCodec members
 * \0sys/catalog/view/&lt;name&gt;        → ViewCodec(ViewDef)
 * </pre>
 *
 * <p><b>Reads are cheap.</b> {@link #read} makes one point read (the version key, at the
 * transaction's snapshot) and answers from a node-local cache of decoded snapshots by version; only a
 * version it has not seen scans the table keys. This is sound because a version names one committed
 * state: every change writes the version key, so two transactions that both change the catalog from
 * version {@code v} conflict on it (first committer wins) and only one {@code v + 1} ever commits.
 * A transaction that has changed the catalog itself reads its own, uncommitted state: it is never
 * served from the cache nor put in it, and its snapshot carries a version of its own — negative and never
 * handed out twice — because the planner caches schemas and plans by version: its uncommitted {@code v + 1}
 * must not be served later to statements that read the committed {@code v + 1} (another change, or none if it
 * rolls back).
 *
 * <p>Thread-safe; one instance per node.
 */
public final class ControlCatalogStore implements CatalogStore {
    private static final int CACHED_VERSIONS = 8;

    private final Map<Long, CatalogSnapshot> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, CatalogSnapshot> eldest) {
            return size() > CACHED_VERSIONS;
        }
    };
    /** Transactions that have written the catalog (weakly held: a finished transaction just goes away). */
    /** The versions of uncommitted snapshots: -1, -2, ... (see the class comment). */
    private final java.util.concurrent.atomic.AtomicLong uncommitted = new java.util.concurrent.atomic.AtomicLong();
    private final Set<Transaction> changedBy =
            Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    @Override
    public CatalogSnapshot read(Transaction tx) {
        long version = version(tx);
        boolean own = changedBy.contains(tx);
        if (!own) {
            synchronized (cache) {
                CatalogSnapshot cached = cache.get(version);
                if (cached != null) return cached;
            }
        }
        CatalogSnapshot snapshot = scan(tx, own ? -uncommitted.incrementAndGet() : version);
        if (!own) {
            synchronized (cache) {
                cache.put(version, snapshot);
            }
        }
        return snapshot;
    }

    @Override
    public Optional<CatalogSnapshot> newestRead() {
        synchronized (cache) {
            return cache.values().stream().max(Comparator.comparingLong(CatalogSnapshot::version));
        }
    }

    @Override
    public int allocateId(Transaction tx) {
        int id = tx.get(CatalogKeys.NEXT_ID).map(CatalogKeys::intOf).orElse(CatalogKeys.FIRST_ID);
        if (id >= CatalogKeys.MAX_ID) {
            throw new ShardSqlException(ErrorCode.INTERNAL, "table and index ids are exhausted (" + id + ")");
        }
        tx.put(CatalogKeys.NEXT_ID, CatalogKeys.intValue(id + 1));
        return id;
    }

    @Override
    public void put(Transaction tx, TableDef table) {
        changedBy.add(tx);
        tx.put(CatalogKeys.table(table.name()), CatalogCodec.encode(table));
        raiseVersion(tx);
    }

    @Override
    public void remove(Transaction tx, String name) {
        changedBy.add(tx);
        tx.delete(CatalogKeys.table(name));
        tx.delete(CatalogKeys.tableAcl(name));
        raiseVersion(tx);
    }

    @Override
    public void putView(Transaction tx, ViewDef view) {
        changedBy.add(tx);
        tx.put(CatalogKeys.view(view.name()), ViewCodec.encode(view));
        raiseVersion(tx);
    }

    @Override
    public void removeView(Transaction tx, String name) {
        changedBy.add(tx);
        tx.delete(CatalogKeys.view(name));
        tx.delete(CatalogKeys.tableAcl(name));
        raiseVersion(tx);
    }

    @Override
    public void putTableAcl(Transaction tx, String name, Acl acl) {
        changedBy.add(tx);
        if (acl.isEmpty()) tx.delete(CatalogKeys.tableAcl(name));
        else tx.put(CatalogKeys.tableAcl(name), AclCodec.encode(acl));
        raiseVersion(tx);
    }

    @Override
    public void putSequenceAcl(Transaction tx, String name, Acl acl) {
        changedBy.add(tx);
        if (acl.isEmpty()) tx.delete(CatalogKeys.sequenceAcl(name));
        else tx.put(CatalogKeys.sequenceAcl(name), AclCodec.encode(acl));
        raiseVersion(tx);
    }

    @Override
    public void putDatabaseAcl(Transaction tx, Acl acl) {
        changedBy.add(tx);
        tx.put(CatalogKeys.DATABASE_ACL, AclCodec.encode(acl));
        raiseVersion(tx);
    }

    @Override
    public void putRole(Transaction tx, String name, Set<String> members) {
        changedBy.add(tx);
        tx.put(CatalogKeys.role(name), AclCodec.encodeMembers(members));
        raiseVersion(tx);
    }

    @Override
    public void removeRole(Transaction tx, String name) {
        changedBy.add(tx);
        tx.delete(CatalogKeys.role(name));
        raiseVersion(tx);
    }

    @Override
    public void putSequence(Transaction tx, SequenceDef sequence) {
        changedBy.add(tx);
        tx.put(CatalogKeys.sequence(sequence.name()), SequenceCodec.encode(sequence));
        raiseVersion(tx);
    }

    @Override
    public void removeSequence(Transaction tx, SequenceDef sequence) {
        changedBy.add(tx);
        tx.delete(CatalogKeys.sequence(sequence.name()));
        tx.delete(CatalogKeys.sequenceValue(sequence.id()));
        tx.delete(CatalogKeys.sequenceAcl(sequence.name()));
        raiseVersion(tx);
    }

    /** How many versions are cached (tests). */
    public int cachedVersions() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private static long version(Transaction tx) {
        return tx.get(CatalogKeys.VERSION).map(CatalogKeys::longOf).orElse(0L);
    }

    private static void raiseVersion(Transaction tx) {
        tx.put(CatalogKeys.VERSION, CatalogKeys.longValue(version(tx) + 1));
    }

    private static CatalogSnapshot scan(Transaction tx, long version) {
        Map<String, TableDef> tables = new HashMap<>();
        for (Iterator<KvEntry> it = tx.scan(CatalogKeys.TABLE_PREFIX, CatalogKeys.end(CatalogKeys.TABLE_PREFIX));
                it.hasNext(); ) {
            KvEntry e = it.next();
            TableDef t = CatalogCodec.decode(e.value());
            if (!t.name().equals(CatalogKeys.tableName(e.key()))) {
                throw new ShardSqlException(ErrorCode.STORAGE_CORRUPTED, "catalog key " + CatalogKeys.tableName(e.key())
                        + " holds table " + t.name());
            }
            tables.put(t.name(), t);
        }
        Map<String, SequenceDef> sequences = new HashMap<>();
        for (Iterator<KvEntry> it = tx.scan(CatalogKeys.SEQUENCE_PREFIX, CatalogKeys.end(CatalogKeys.SEQUENCE_PREFIX));
                it.hasNext(); ) {
            KvEntry e = it.next();
            SequenceDef s = SequenceCodec.decode(e.value());
            sequences.put(CatalogKeys.sequenceName(e.key()), s);
        }
        Map<String, ViewDef> views = new HashMap<>();
        for (Iterator<KvEntry> it = tx.scan(CatalogKeys.VIEW_PREFIX, CatalogKeys.end(CatalogKeys.VIEW_PREFIX));
                it.hasNext(); ) {
            ViewDef v = ViewCodec.decode(it.next().value());
            views.put(v.name(), v);
        }
        return new CatalogSnapshot(version, tables, sequences, grants(tx), views);
    }

    private static Grants grants(Transaction tx) {
        Map<String, Acl> acls = acls(tx, CatalogKeys.TABLE_ACL_PREFIX);
        Map<String, Acl> sequenceAcls = acls(tx, CatalogKeys.SEQUENCE_ACL_PREFIX);
        Map<String, Set<String>> roles = new HashMap<>();
        byte[] p = CatalogKeys.ROLE_PREFIX;
        for (Iterator<KvEntry> it = tx.scan(p, CatalogKeys.end(p)); it.hasNext(); ) {
            KvEntry e = it.next();
            roles.put(CatalogKeys.nameAfter(p, e.key()), AclCodec.decodeMembers(e.value()));
        }
        Optional<byte[]> database = tx.get(CatalogKeys.DATABASE_ACL);
        return new Grants(acls, database.map(AclCodec::decode).orElse(Acl.EMPTY), roles, sequenceAcls);
    }

    private static Map<String, Acl> acls(Transaction tx, byte[] prefix) {
        Map<String, Acl> acls = new HashMap<>();
        for (Iterator<KvEntry> it = tx.scan(prefix, CatalogKeys.end(prefix)); it.hasNext(); ) {
            KvEntry e = it.next();
            acls.put(CatalogKeys.nameAfter(prefix, e.key()), AclCodec.decode(e.value()));
        }
        return acls;
    }
}
