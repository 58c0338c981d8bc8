package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.sql.SqlIdentifier;

import java.util.Optional;

/** Resolving the names a DDL statement gives against a catalog snapshot, with PostgreSQL's errors. */
final class Names {
    private Names() {}

    /** A table or index in the catalog; indexes and tables share one namespace, as in PostgreSQL. */
    record IndexOf(TableDef table, IndexDef index) {}

    /** The object name (a qualifying schema, if written, is not ours to check). */
    static String of(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }

    /** Table {@code name}: 42P01 if there is none, 42809 if it is a view (PostgreSQL: "is not a table"). */
    static TableDef table(CatalogSnapshot catalog, String name) {
        if (catalog.view(name).isPresent()) {
            throw new ShardSqlException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a table");
        }
        return catalog.table(name).orElseThrow(() ->
                new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
    }

    static ColumnDef column(TableDef table, String name) {
        return table.column(name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_COLUMN,
                "column \"" + name + "\" of relation \"" + table.name() + "\" does not exist"));
    }

    static Optional<IndexOf> index(CatalogSnapshot catalog, String name) {
        for (TableDef t : catalog.tables().values()) {
            for (IndexDef ix : t.indexes()) {
                if (ix.name().equals(name)) return Optional.of(new IndexOf(t, ix));
            }
        }
        return Optional.empty();
    }

    static SequenceDef sequence(CatalogSnapshot catalog, String name) {
        return catalog.sequence(name).orElseThrow(() ->
                new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" does not exist"));
    }

    /** Whether a table, an index, a sequence or a view is called {@code name} (one namespace, as in PostgreSQL). */
    static boolean taken(CatalogSnapshot catalog, String name) {
        return catalog.table(name).isPresent() || index(catalog, name).isPresent()
                || catalog.sequence(name).isPresent() || catalog.view(name).isPresent();
    }
}
