package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableAddConstraint;
import io.shardsql.sql.parser.SqlCheckConstraint;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.KvEntry;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * {@code ALTER TABLE t ADD [CONSTRAINT c] CHECK (expr)}: the expression is validated, every row of the table
 * is checked at the statement's snapshot (23514 "is violated by some row" if one makes it FALSE, and nothing
 * changes), then the constraint joins the table's definition — from then on every write is checked.
 * A catalog change like ADD COLUMN, so it may run inside a transaction block.
 *
 * <p>Known limit (as ADD COLUMN ... NOT NULL): a transaction that began before the change commits, and still
 * sees the old definition, can write a row the check would refuse (PostgreSQL takes a table lock).
 */
final class AddCheck implements CatalogChange {
    private final SqlAlterTableAddConstraint stmt;
    private final CatalogStore catalog;
    private final CheckConstraints checks;

    AddCheck(SqlAlterTableAddConstraint stmt, CatalogStore catalog, CheckConstraints checks) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.checks = checks;
    }

    @Override
    public void apply(Transaction tx) {
        TableDef table = Names.table(catalog.read(tx), Names.of(stmt.table()));
        catalog.put(tx, withValidated(tx, table, List.of((SqlCheckConstraint) stmt.constraint()), catalog, checks));
    }

    /**
     * {@code table} with {@code added} among its CHECKs, each validated, named, and checked against every row
     * the table has at the transaction's snapshot (23514 if one makes it FALSE).
     */
    static TableDef withValidated(Transaction tx, TableDef table, List<SqlCheckConstraint> added,
                                  CatalogStore catalog, CheckConstraints checks) {
        NewConstraints constraints = new NewConstraints(catalog, checks);
        Set<String> pending = new HashSet<>();
        List<CheckDef> all = new ArrayList<>(table.checks());
        for (SqlCheckConstraint c : added) {
            CheckDef check = constraints.check(table, c, pending);
            pending.add(check.name());
            verifyRows(tx, table, check, checks);
            all.add(check);
        }
        return table.withChecks(all);
    }

    private static void verifyRows(Transaction tx, TableDef table, CheckDef check, CheckConstraints checks) {
        TableDef onlyThis = table.withChecks(List.of(check));
        Iterator<KvEntry> rows = tx.scan(RowKeys.tableStart(table.id()), RowKeys.tableEnd(table.id()));
        while (rows.hasNext()) {
            KvEntry row = rows.next();
            try {
                checks.verify(onlyThis, RowCodec.decode(table, row.key(), row.value()));
            } catch (ShardSqlException e) {
                if (e.code() != ErrorCode.CHECK_VIOLATION) throw e;
                throw new ShardSqlException(ErrorCode.CHECK_VIOLATION, "check constraint \"" + check.name()
                        + "\" of relation \"" + table.name() + "\" is violated by some row", e);
            }
        }
    }
}
