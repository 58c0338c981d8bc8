package io.shardsql.sql.catalog;

import io.shardsql.sql.privilege.Grants;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The catalog as one transaction sees it: every table, sequence and view by name, the privileges
 * ({@link Grants}), and the version that names this state (it grows by one with every committed DDL, GRANT,
 * REVOKE or role statement). Immutable, so planners on many threads share it and plans are cached per
 * version. A transaction that changed the catalog sees its own state under a negative version, a new one at
 * each read ({@link #provisional()}): that state is not committed, so it is never cached (after a rollback
 * its version number would name another state).
 */
public record CatalogSnapshot(long version, Map<String, TableDef> tables, Map<String, SequenceDef> sequences,
                              Grants grants, Map<String, ViewDef> views) {

    public static final CatalogSnapshot EMPTY = new CatalogSnapshot(0, Map.of());

    public CatalogSnapshot {
        tables = Map.copyOf(tables);
        sequences = Map.copyOf(sequences);
        views = Map.copyOf(views);
    }

    /** No views. */
    public CatalogSnapshot(long version, Map<String, TableDef> tables, Map<String, SequenceDef> sequences,
                           Grants grants) {
        this(version, tables, sequences, grants, Map.of());
    }

    /** Tables only: no sequences, no privileges recorded. */
    public CatalogSnapshot(long version, Map<String, TableDef> tables) {
        this(version, tables, Map.of(), Grants.NONE);
    }

    /** Whether this is a transaction's own, uncommitted catalog state (which no cache may keep). */
    public boolean provisional() {
        return version < 0;
    }

    public Optional<SequenceDef> sequence(String name) {
        return Optional.ofNullable(sequences.get(name));
    }

    public Optional<ViewDef> view(String name) {
        return Optional.ofNullable(views.get(name));
    }

    public Optional<TableDef> table(String name) {
        return Optional.ofNullable(tables.get(name));
    }

    /** The tables ordered by name. */
    public Collection<TableDef> sortedTables() {
        return new TreeMap<>(tables).values();
    }
}
