package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.parser.SqlColumnDef;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The sequences of a new table's SERIAL and identity columns, as PostgreSQL makes them: one per column,
 * named {@code <table>_<column>_seq} (numbered if taken), owned by the table (dropped with it), running
 * up to the largest value of the column's type; the column is NOT NULL with DEFAULT nextval of it, and an
 * identity column is marked ALWAYS or BY DEFAULT. 42804 if the type is not SMALLINT, INTEGER or BIGINT;
 * 42601 with an explicit DEFAULT too.
 */
final class OwnedSequences {
    private final List<SequenceDef> sequences = new ArrayList<>();
    private final Set<String> names = new HashSet<>();

    /** {@code column} (as {@link Columns} made it) with its generated values, creating its sequence. */
    ColumnDef generate(Transaction tx, CatalogStore catalog, CatalogSnapshot snapshot, String table,
                       SqlColumnDef parsed, ColumnDef column) {
        if (parsed.generated() == SqlColumnDef.Generated.NONE) return column;
        if (parsed.defaultValue() != null) {
            throw new ShardSqlException(ErrorCode.SYNTAX_ERROR, "both default and "
                    + (parsed.generated() == SqlColumnDef.Generated.SERIAL ? "a serial type" : "identity")
                    + " specified for column \"" + column.name() + "\" of table \"" + table + "\"");
        }
        long typeMax = switch (column.type().kind()) {
            case SMALLINT -> Short.MAX_VALUE;
            case INTEGER -> Integer.MAX_VALUE;
            case BIGINT -> Long.MAX_VALUE;
            default -> throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH, "identity column type must be "
                    + "smallint, integer, or bigint (column \"" + column.name() + "\" is " + column.type() + ")");
        };
        String name = freeName(snapshot, table + "_" + column.name() + "_seq");
        SequenceDef s = SequenceOptions.create(catalog.allocateId(tx), name, parsed.sequenceOptions(), typeMax, table,
                tx.startTs());
        sequences.add(s);
        names.add(name);
        ColumnDef.Identity identity = switch (parsed.generated()) {
            case ALWAYS -> ColumnDef.Identity.ALWAYS;
            case BY_DEFAULT -> ColumnDef.Identity.BY_DEFAULT;
            default -> ColumnDef.Identity.NONE;
        };
        return new ColumnDef(column.id(), column.name(), column.type(), false, null, DefaultExpr.nextval(name),
                identity);
    }

    /** Writes the sequences made so far into the catalog. */
    void create(Transaction tx, CatalogStore catalog) {
        for (SequenceDef s : sequences) catalog.putSequence(tx, s);
    }

    /** Drops every sequence {@code table} owns. */
    static void dropOwnedBy(Transaction tx, CatalogStore catalog, String table) {
        for (SequenceDef s : catalog.read(tx).sequences().values()) {
            if (s.ownedBy().equals(table)) catalog.removeSequence(tx, s);
        }
    }

    private String freeName(CatalogSnapshot snapshot, String wanted) {
        String name = wanted;
        for (int i = 1; Names.taken(snapshot, name) || names.contains(name); i++) {
            name = wanted.substring(0, wanted.length() - "_seq".length()) + "_seq" + i;
        }
        return name;
    }
}
