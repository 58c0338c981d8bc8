package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.exec.SystemSchema.SystemTable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

import static io.shardsql.sql.exec.SystemSchema.col;

/**
 * The FOREIGN KEY parts of {@code information_schema}: {@code referential_constraints} (PostgreSQL's columns:
 * the referenced key's name, {@code match_option} {@code NONE} for MATCH SIMPLE, the update and delete rules)
 * and, for {@code key_column_usage}, where each referencing column's referenced column sits in the referenced
 * key. The referenced key is the parent's primary key ({@code <table>_pkey}) when its columns are the key's,
 * else the unique index on them (a UNIQUE constraint's or a unique index's name).
 */
final class ForeignKeyViews {
    private static final org.apache.calcite.sql.type.SqlTypeName TEXT = org.apache.calcite.sql.type.SqlTypeName.VARCHAR;

    private ForeignKeyViews() {}

    static SystemTable referentialConstraints(CatalogSnapshot catalog) {
        return new SystemTable(List.of(col("constraint_catalog", TEXT), col("constraint_schema", TEXT),
                col("constraint_name", TEXT), col("unique_constraint_catalog", TEXT),
                col("unique_constraint_schema", TEXT), col("unique_constraint_name", TEXT),
                col("match_option", TEXT), col("update_rule", TEXT), col("delete_rule", TEXT)), viewer -> {
            List<Object[]> rows = new ArrayList<>();
            for (TableDef t : InformationSchema.visibleTables(catalog, viewer)) {
                for (ForeignKeyDef f : t.foreignKeys()) {
                    rows.add(new Object[] {null, PlanningSchema.PUBLIC, f.name(), null, PlanningSchema.PUBLIC,
                            parent(catalog, f).map(p -> referencedKeyName(p, f)).orElse(null), "NONE",
                            f.onUpdate().sql(), f.onDelete().sql()});
                }
            }
            return rows;
        });
    }

    /** For each column of {@code f}, the 1-based position of the column it references in the referenced key. */
    static List<Integer> positionsInKey(CatalogSnapshot catalog, ForeignKeyDef f) {
        List<Integer> key = parent(catalog, f).map(p -> referencedKeyColumns(p, f)).orElse(f.parentColumnIds());
        List<Integer> out = new ArrayList<>();
        for (int id : f.parentColumnIds()) out.add(key.indexOf(id) + 1);
        return out;
    }

    static Optional<TableDef> parent(CatalogSnapshot catalog, ForeignKeyDef f) {
        return catalog.tables().values().stream().filter(t -> t.id() == f.parentTableId()).findFirst();
    }

    private static String referencedKeyName(TableDef parent, ForeignKeyDef f) {
        return uniqueIndex(parent, f).map(IndexDef::name).orElse(InformationSchema.primaryKeyName(parent));
    }

    private static List<Integer> referencedKeyColumns(TableDef parent, ForeignKeyDef f) {
        return uniqueIndex(parent, f).map(IndexDef::columnIds).orElse(parent.primaryKey());
    }

    private static Optional<IndexDef> uniqueIndex(TableDef parent, ForeignKeyDef f) {
        HashSet<Integer> wanted = new HashSet<>(f.parentColumnIds());
        if (!parent.hasHiddenRowId() && new HashSet<>(parent.primaryKey()).equals(wanted)) return Optional.empty();
        return parent.indexes().stream().filter(ix -> ix.unique() && new HashSet<>(ix.columnIds()).equals(wanted))
                .findFirst();
    }
}
