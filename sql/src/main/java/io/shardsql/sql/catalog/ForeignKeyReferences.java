package io.shardsql.sql.catalog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The foreign keys of a catalog seen from the referenced side: for each parent table id, the constraints
 * (and their child tables) that reference it. Foreign keys are stored with their child
 * ({@link TableDef#foreignKeys()}); deletes, DROP and TRUNCATE of a parent need this reverse view. Built from one
 * {@link CatalogSnapshot}; immutable.
 */
public final class ForeignKeyReferences {

    /** One constraint of {@code child} that references a parent. */
    public record Reference(TableDef child, ForeignKeyDef key) {}

    private final Map<Integer, List<Reference>> byParent;
    private final Map<Integer, TableDef> byId;

    private ForeignKeyReferences(Map<Integer, List<Reference>> byParent, Map<Integer, TableDef> byId) {
        this.byParent = byParent;
        this.byId = byId;
    }

    /** The references of every table of {@code snapshot}. */
    public static ForeignKeyReferences of(CatalogSnapshot snapshot) {
        Map<Integer, List<Reference>> byParent = new HashMap<>();
        Map<Integer, TableDef> byId = new HashMap<>();
        for (TableDef t : snapshot.sortedTables()) {
            byId.put(t.id(), t);
            for (ForeignKeyDef f : t.foreignKeys()) {
                byParent.computeIfAbsent(f.parentTableId(), k -> new ArrayList<>()).add(new Reference(t, f));
            }
        }
        return new ForeignKeyReferences(byParent, byId);
    }

    /** The constraints that reference table {@code parentTableId} (a self-reference included). */
    public List<Reference> referencing(int parentTableId) {
        return byParent.getOrDefault(parentTableId, List.of());
    }

    /** Whether any constraint references table {@code parentTableId}. */
    public boolean isReferenced(int parentTableId) {
        return byParent.containsKey(parentTableId);
    }

    /** The table with id {@code id}; an IllegalStateException if the catalog has none (a dangling reference). */
    public TableDef table(int id) {
        TableDef t = byId.get(id);
        if (t == null) throw new IllegalStateException("a foreign key references table id " + id + ", which is gone");
        return t;
    }
}
