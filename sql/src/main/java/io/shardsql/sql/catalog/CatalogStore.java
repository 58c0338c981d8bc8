package io.shardsql.sql.catalog;

import io.shardsql.sql.privilege.Acl;
import io.shardsql.txn.Transaction;

import java.util.Set;

/**
 * Reads and changes the catalog inside a transaction. The catalog lives in the {@code control} group
 * (keys under {@code \0sys/catalog/}), so it is read at the transaction's snapshot and changed
 * atomically with whatever else the transaction writes; every change raises the version by one.
 */
public interface CatalogStore {

    /** The catalog at {@code tx}'s snapshot (own writes included). Cheap when the version is cached. */
    CatalogSnapshot read(Transaction tx);

    /**
     * The newest committed catalog this node has read, without a transaction (empty before the first
     * read). It may be behind a change another node committed: use it only where a stale answer is
     * checked again, as {@code Session.prepare} does (a failure there is retried at a fresh snapshot).
     */
    default java.util.Optional<CatalogSnapshot> newestRead() {
        return java.util.Optional.empty();
    }

    /** A new table id, never handed out before (ids also prefix index keys, so they share one sequence). */
    int allocateId(Transaction tx);

    /** Creates or replaces the definition of {@code table.name()} and raises the version. */
    void put(Transaction tx, TableDef table);

    /** Removes table {@code name} (and its owner and grants) from the catalog and raises the version. */
    void remove(Transaction tx, String name);

    /** Creates or replaces the definition of sequence {@code sequence.name()} and raises the version. */
    void putSequence(Transaction tx, SequenceDef sequence);

    /** Removes sequence {@code name}, its value, owner and grants from the catalog and raises the version. */
    void removeSequence(Transaction tx, SequenceDef sequence);

    /** Creates or replaces view {@code view.name()} and raises the version. */
    void putView(Transaction tx, ViewDef view);

    /** Removes view {@code name} (and its owner and grants) from the catalog and raises the version. */
    void removeView(Transaction tx, String name);

    /** Sets table {@code name}'s owner and grants (an empty ACL removes them) and raises the version. */
    void putTableAcl(Transaction tx, String name, Acl acl);

    /** Sets sequence {@code name}'s owner and grants (an empty ACL removes them) and raises the version. */
    void putSequenceAcl(Transaction tx, String name, Acl acl);

    /** Sets who was granted CREATE on the database and raises the version. */
    void putDatabaseAcl(Transaction tx, Acl acl);

    /** Creates role {@code name} or sets its members, and raises the version. */
    void putRole(Transaction tx, String name, Set<String> members);

    /** Removes role {@code name} and raises the version. */
    void removeRole(Transaction tx, String name);
}
