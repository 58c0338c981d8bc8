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
import io.shardsql.txn.ActiveTransactions;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code ALTER TABLE t ADD [CONSTRAINT c] CHECK (expr)}: the expression is validated, and the table's rows
 * must pass it (23514 "is violated by some row" if one makes it FALSE, and nothing changes).
 *
 * <pre>
 * in a transaction block ({@link #apply}, a catalog change like ADD COLUMN)
 *     rows checked at the block's snapshot, then the constraint joins the definition, all in the block
 * on its own ({@link #runOnline}, F1's steps, as CREATE INDEX)
 *  1 enforce   tx: the constraint joins the definition                    commits at T
 *              every transaction that starts after T checks its writes against it
 *  2 drain     wait until no transaction with start_ts &lt; T runs on any node
 *  3 validate  read-only tx: every row passes        (one fails: tx removes the constraint; 23514)
 * </pre>
 *
 * On its own, no row can escape: a writer that began before T (and does not see the constraint) has ended
 * before step 3 reads, so its rows are there to be checked. In a block the known limit of ADD COLUMN ...
 * NOT NULL holds: a transaction that began before the block commits can still write a row the check refuses.
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

    /** Runs the statement outside a transaction block: enforce, drain, validate (see the class comment). */
    void runOnline(TransactionManager txns, DdlSettings settings, Consumer<Transaction> authorize) {
        String tableName = Names.of(stmt.table());
        CheckDef[] added = {null};
        int[] tableId = {0};
        long enforcedAt = commit(txns, settings.attempts(), tx -> {
            authorize.accept(tx);
            TableDef table = Names.table(catalog.read(tx), tableName);
            CheckDef check = new NewConstraints(catalog, checks).check(table, (SqlCheckConstraint) stmt.constraint(),
                    Set.of());
            List<CheckDef> all = new ArrayList<>(table.checks());
            all.add(check);
            catalog.put(tx, table.withChecks(all));
            added[0] = check;
            tableId[0] = table.id();
        });
        try {
            ActiveTransactions.awaitNoneBefore(txns, enforcedAt, settings.staleAfter(), settings.drainTimeout());
            txns.run(TxnMode.READ_ONLY, settings.attempts(), tx -> {
                verifyRows(tx, Backfill.table(catalog.read(tx), tableName, tableId[0]), added[0], checks);
                return null;
            });
        } catch (RuntimeException e) {
            try {
                txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> {
                    catalog.read(tx).table(tableName).filter(t -> t.id() == tableId[0]).ifPresent(t -> {
                        List<CheckDef> left = new ArrayList<>(t.checks());
                        left.removeIf(c -> c.name().equals(added[0].name()));
                        catalog.put(tx, t.withChecks(left));
                    });
                    return null;
                });
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /** Runs {@code body} in a read-write transaction, retried on conflicts; returns the commit timestamp. */
    private static long commit(TransactionManager txns, int attempts, Consumer<Transaction> body) {
        ShardSqlException last = null;
        for (int attempt = 0; attempt < attempts; attempt++) {
            try (Transaction tx = txns.begin(TxnMode.READ_WRITE)) {
                body.accept(tx);
                return tx.commit();
            } catch (ShardSqlException e) {
                if (!e.retryable()) throw e;
                last = e;
            }
        }
        throw last;
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
