package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ForeignKeyDef;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterTableAddConstraint;
import io.shardsql.sql.parser.SqlCreateIndex;
import io.shardsql.sql.parser.SqlForeignKeyConstraint;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.sql.rows.ForeignKeyViolations;
import io.shardsql.sql.rows.ParentKeys;
import io.shardsql.sql.rows.RowCodec;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.KvEntry;
import io.shardsql.storage.Lock;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code ALTER TABLE c ADD [CONSTRAINT n] FOREIGN KEY (cols) REFERENCES p [(cols)] ...}: the constraint joins the
 * child's definition once every existing row has been checked against the parent at the statement's snapshot
 * (23503 for the first orphan, and nothing changes), each parent found locked (shared) as an insert would.
 * When the child has no index its referencing columns lead, one is made first: on its own (autocommit) by an
 * online CREATE INDEX ({@link CreateIndex}, dropped again if the constraint then fails); inside a transaction block
 * that cannot be done (25001, as ADD UNIQUE): create the index first.
 */
final class AddForeignKey implements CatalogChange {
    private static final int BATCH = 512;
    private final SqlAlterTableAddConstraint stmt;
    private final SqlForeignKeyConstraint fk;
    private final CatalogStore catalog;
    private final NewConstraints constraints;

    AddForeignKey(SqlAlterTableAddConstraint stmt, CatalogStore catalog, CheckConstraints checks) {
        this.stmt = stmt;
        this.fk = (SqlForeignKeyConstraint) stmt.constraint();
        this.catalog = catalog;
        this.constraints = new NewConstraints(catalog, checks);
    }

    @Override
    public void apply(Transaction tx) {
        CatalogSnapshot snapshot = catalog.read(tx);
        TableDef table = Names.table(snapshot, Names.of(stmt.table()));
        TableDef added = constraints.withForeignKey(tx, snapshot, table, fk, new HashSet<>(), IndexDef.State.PUBLIC);
        if (added.indexes().size() > table.indexes().size()) {
            throw new ShardSqlException(ErrorCode.ACTIVE_SQL_TRANSACTION, "ALTER TABLE ... ADD FOREIGN KEY needs an"
                    + " index on " + fk.columnNames() + " of \"" + table.name() + "\" and cannot build one inside a"
                    + " transaction block: CREATE INDEX on those columns first");
        }
        ForeignKeyDef def = added.foreignKeys().get(added.foreignKeys().size() - 1);
        validate(tx, snapshot, table, def);
        catalog.put(tx, added);
    }

    /** Without an open transaction: the index first if one is needed (online), then {@link #apply}. */
    void runOnline(TransactionManager txns, DdlSettings settings, Purger purger, Consumer<Transaction> authorize) {
        String indexName = txns.run(TxnMode.READ_ONLY, settings.attempts(), tx -> {
            authorize.accept(tx);
            CatalogSnapshot snapshot = catalog.read(tx);
            TableDef table = Names.table(snapshot, Names.of(stmt.table()));
            ForeignKeyDef def = ForeignKeyDefinitions.resolve(snapshot, table, fk, new HashSet<>());
            return ForeignKeyDefinitions.needsIndex(table, def)
                    ? ConstraintNames.foreignKeyIndex(snapshot, table, def.name(), new HashSet<>()) : null;
        });
        if (indexName != null) {
            SqlParserPos pos = stmt.getParserPosition();
            List<SqlNode> columns = new ArrayList<>();
            for (String c : fk.columnNames()) columns.add(new SqlIdentifier(c, pos));
            new CreateIndex(new SqlCreateIndex(pos, false, false, new SqlIdentifier(indexName, pos), stmt.table(),
                    new SqlNodeList(columns, pos)), catalog, txns, settings, purger).run();
        }
        try {
            txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> {
                authorize.accept(tx);
                apply(tx);
                return null;
            });
        } catch (RuntimeException e) {
            if (indexName != null) dropIndex(txns, settings, indexName);
            throw e;
        }
        purger.purgePending();
    }

    private void dropIndex(TransactionManager txns, DdlSettings settings, String indexName) {
        try {
            txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> {
                Optional<Names.IndexOf> ix = Names.index(catalog.read(tx), indexName);
                ix.ifPresent(found -> DropIndex.remove(catalog, tx, found.table(), found.index().id()));
                return null;
            });
        } catch (RuntimeException e) {
            // the index stays, usable; DROP INDEX removes it
        }
    }

    /** 23503 for the first row of {@code child} whose parent is missing; the parents found are locked (shared). */
    static void validate(Transaction tx, CatalogSnapshot snapshot, TableDef child, ForeignKeyDef def) {
        TableDef parent = def.parentTableId() == child.id() ? child : snapshot.tables().values().stream()
                .filter(t -> t.id() == def.parentTableId()).findFirst().orElseThrow();
        Iterator<KvEntry> rows = tx.scan(RowKeys.tableStart(child.id()), RowKeys.tableEnd(child.id()));
        List<Object[]> batch = new ArrayList<>();
        while (rows.hasNext()) {
            KvEntry e = rows.next();
            Object[] row = RowCodec.decode(child, e.key(), e.value());
            Object[] values = ParentKeys.childValues(child, def, row);
            if (values == null) continue;
            if (parent == child && java.util.Arrays.deepEquals(values, ParentKeys.parentValues(child, def, row))) {
                continue;
            }
            batch.add(values);
            if (batch.size() == BATCH) {
                checkBatch(tx, child, parent, def, batch);
                batch.clear();
            }
        }
        checkBatch(tx, child, parent, def, batch);
    }

    private static void checkBatch(Transaction tx, TableDef child, TableDef parent, ForeignKeyDef def,
                                   List<Object[]> batch) {
        if (batch.isEmpty()) return;
        List<byte[]> keys = new ArrayList<>();
        for (Object[] values : batch) keys.add(ParentKeys.lookupKey(parent, def, values));
        tx.prefetch(keys);
        List<byte[]> found = new ArrayList<>();
        for (Object[] values : batch) {
            Optional<byte[]> row = ParentKeys.parentRow(tx, parent, def, values);
            if (row.isEmpty()) throw ForeignKeyViolations.missingParent(child, def, parent, values);
            found.add(row.get());
        }
        tx.lockRows(found, Lock.Mode.SHARED, RowLockWait.WAIT);
    }
}
