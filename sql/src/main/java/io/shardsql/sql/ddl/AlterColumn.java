package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.DefaultExpr;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.SqlAlterColumn;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;

import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * {@code ALTER TABLE t ALTER [COLUMN] c {[SET DATA] TYPE type | SET DEFAULT expr | DROP DEFAULT | SET NOT NULL |
 * DROP NOT NULL}}, each a catalog change that never rewrites the table:
 *
 * <ul>
 *   <li>TYPE only where the stored bytes of every value stay what they are and mean the same in the new
 *       type (rows and keys share {@code ValueCodec}): SMALLINT → INTEGER → BIGINT (one LONG encoding),
 *       VARCHAR(n) → VARCHAR(m ≥ n) or unbounded, DECIMAL(p, s) → DECIMAL(q ≥ p, s). Anything else is 0A000
 *       ("would rewrite the table"); so is a table a view reads (PostgreSQL refuses a column a view uses).</li>
 *   <li>SET / DROP DEFAULT: a row written before the column was added (ADD COLUMN) does not mention it and
 *       reads the column's default value; those rows, and only those, get that value written into them first,
 *       so they keep reading what they read. An identity column's default is its sequence: 42601.</li>
 *   <li>SET NOT NULL reads every row (23502 if one holds NULL); DROP NOT NULL is 42P16 on a primary-key
 *       column and 42601 on an identity column, as in PostgreSQL.</li>
 * </ul>
 */
final class AlterColumn implements CatalogChange {
    private final SqlAlterColumn stmt;
    private final CatalogStore catalog;

    AlterColumn(SqlAlterColumn stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        CatalogSnapshot snapshot = catalog.read(tx);
        TableDef table = Names.table(snapshot, Names.of(stmt.table()));
        ColumnDef column = Names.column(table, stmt.column().getSimple());
        ColumnDef changed = switch (stmt.action()) {
            case TYPE -> retyped(snapshot, table, column);
            case SET_DEFAULT -> withDefault(table, column);
            case DROP_DEFAULT -> {
                notIdentity(table, column);
                yield new ColumnDef(column.id(), column.name(), column.type(), column.nullable(), null, null,
                        column.identity());
            }
            case SET_NOT_NULL -> {
                requireNoNulls(tx, table, column);
                yield copy(column, column.type(), false);
            }
            case DROP_NOT_NULL -> {
                if (table.primaryKey().contains(column.id())) {
                    throw new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION, "column \"" + column.name()
                            + "\" is in a primary key");
                }
                notIdentity(table, column);
                yield copy(column, column.type(), true);
            }
        };
        if (changed.equals(column)) return;
        if (!Objects.equals(changed.defaultValue(), column.defaultValue())) {
            keepWhatOldRowsRead(tx, table, column);
        }
        catalog.put(tx, table.withColumnReplaced(changed));
    }

    private ColumnDef retyped(CatalogSnapshot snapshot, TableDef table, ColumnDef column) {
        SqlType to = TypeMapping.of(stmt.type(), column.name());
        SqlType from = column.type();
        if (to.equals(from)) return column;
        if (!sameBytes(from, to)) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "changing the type of column \""
                    + column.name() + "\" from " + from + " to " + to + " would rewrite the table; not supported");
        }
        List<ViewDef> views = ViewDependents.of(snapshot, table.name());
        if (!views.isEmpty()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot alter type of a column used by a "
                    + "view: view " + views.get(0).name() + " reads \"" + table.name() + "\" (drop the view, alter "
                    + "the column, create the view again)");
        }
        return copy(column, to, column.nullable());
    }

    /**
     * Whether every value of {@code from} is stored exactly as the same value of {@code to}, and every
     * stored value is a valid {@code to}: the widenings the encodings make free.
     */
    static boolean sameBytes(SqlType from, SqlType to) {
        return switch (from.kind()) {
            case SMALLINT -> to.kind() == SqlType.Kind.INTEGER || to.kind() == SqlType.Kind.BIGINT;
            case INTEGER -> to.kind() == SqlType.Kind.BIGINT;
            case VARCHAR -> to.kind() == SqlType.Kind.VARCHAR
                    && (to.precision() == 0 || (from.precision() != 0 && to.precision() >= from.precision()));
            case DECIMAL -> to.kind() == SqlType.Kind.DECIMAL && to.scale() == from.scale()
                    && to.precision() >= from.precision();
            default -> false;
        };
    }

    private ColumnDef withDefault(TableDef table, ColumnDef column) {
        notIdentity(table, column);
        ColumnDef typed = new ColumnDef(column.id(), column.name(), column.type(), column.nullable(), null);
        DefaultExpr expr = DefaultExprs.of(stmt.defaultValue(), typed);
        if (expr != null) {
            return new ColumnDef(column.id(), column.name(), column.type(), column.nullable(), null, expr,
                    column.identity());
        }
        Object value = DefaultValues.evaluate(stmt.defaultValue(),
                new ColumnDef(column.id(), column.name(), column.type(), true, null));
        return new ColumnDef(column.id(), column.name(), column.type(), column.nullable(), value, null,
                column.identity());
    }

    private static ColumnDef copy(ColumnDef c, SqlType type, boolean nullable) {
        return new ColumnDef(c.id(), c.name(), type, nullable, c.defaultValue(), c.defaultExpr(), c.identity());
    }

    private static void notIdentity(TableDef table, ColumnDef column) {
        if (column.identity() != ColumnDef.Identity.NONE) {
            throw new ShardSqlException(ErrorCode.SYNTAX_ERROR, "column \"" + column.name() + "\" of relation \""
                    + table.name() + "\" is an identity column");
        }
    }

    private static void requireNoNulls(Transaction tx, TableDef table, ColumnDef column) {
        int position = table.position(column.id());
        Iterator<KvEntry> rows = tx.scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id()));
        while (rows.hasNext()) {
            KvEntry e = rows.next();
            if (RowCodec.decode(table, e.key(), e.value())[position] == null) {
                throw new ShardSqlException(ErrorCode.NOT_NULL_VIOLATION, "column \"" + column.name()
                        + "\" of relation \"" + table.name() + "\" contains null values");
            }
        }
    }

    /** Writes the column's current default into the rows that do not mention it (they read that default). */
    private static void keepWhatOldRowsRead(Transaction tx, TableDef table, ColumnDef column) {
        if (table.primaryKey().contains(column.id())) return; // key columns are in the key, never defaulted
        List<KvEntry> rewrite = new java.util.ArrayList<>();
        Iterator<KvEntry> rows = tx.scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id()));
        while (rows.hasNext()) {
            KvEntry e = rows.next();
            if (!RowCodec.mentions(e.value(), column.id())) rewrite.add(e);
        }
        for (KvEntry e : rewrite) tx.put(e.key(), RowCodec.encode(table, RowCodec.decode(table, e.key(), e.value())));
    }
}
