package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.parser.SqlAlterSequence;
import io.shardsql.sql.parser.SqlAlterTableAddColumn;
import io.shardsql.sql.parser.SqlAlterTableAddConstraint;
import io.shardsql.sql.parser.SqlAlterTableDropConstraint;
import io.shardsql.sql.parser.SqlCheckConstraint;
import io.shardsql.sql.parser.SqlForeignKeyConstraint;
import io.shardsql.sql.parser.SqlAlterTableDropColumn;
import io.shardsql.sql.parser.SqlAlterColumn;
import io.shardsql.sql.parser.SqlCreateIndex;
import io.shardsql.sql.parser.SqlCreateSequence;
import io.shardsql.sql.parser.SqlCreateTable;
import io.shardsql.sql.parser.SqlDropIndex;
import io.shardsql.sql.parser.SqlDropSequence;
import io.shardsql.sql.parser.SqlDropTable;
import io.shardsql.sql.parser.SqlAlterTableRename;
import io.shardsql.sql.parser.SqlCreateView;
import io.shardsql.sql.parser.SqlDropView;
import io.shardsql.sql.parser.SqlTruncateTable;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TransactionManager;
import io.shardsql.txn.TxnMode;
import org.apache.calcite.sql.SqlNode;

/**
 * Runs the DDL statements of the parser (docs/sql.md, "DDL"):
 *
 * <pre>
 * CREATE TABLE, DROP TABLE, ALTER TABLE ADD/DROP/RENAME COLUMN, ALTER TABLE RENAME, DROP INDEX,
 * CREATE/ALTER/DROP SEQUENCE, CREATE [OR REPLACE] VIEW, DROP VIEW, TRUNCATE, ALTER TABLE ADD CHECK,
 * ALTER TABLE DROP CONSTRAINT
 *     one catalog change ({@link CatalogChange}): in the caller's open transaction if there is one
 *     (transactional DDL: it commits or rolls back with the rest), else in a transaction of its own,
 *     retried on write conflicts
 * CREATE INDEX, ALTER TABLE ADD UNIQUE
 *     several transactions of its own, built online ({@link CreateIndex}); inside an open transaction: 25001
 * ALTER TABLE ADD CHECK
 *     in an open transaction: a catalog change; else enforce, drain, validate ({@link AddCheck#runOnline})
 * ALTER TABLE ADD FOREIGN KEY
 *     in an open transaction: a catalog change (25001 if an index must be made); else the index online if one
 *     is needed, then the change ({@link AddForeignKey#runOnline})
 * </pre>
 *
 * Keys of dropped tables and indexes are deleted after the drop commits ({@link #runDeferredWork}); a
 * statement run without an open transaction does that before it returns. Thread-safe.
 */
public final class DdlExecutor {
    private final CatalogStore catalog;
    private final TransactionManager txns;
    private final DdlSettings settings;
    private final Purger purger;
    private volatile ViewAnalyzer views = ViewAnalyzer.NONE;
    private final CheckConstraints checks;

    /** An executor whose tables' CHECK expressions are neither validated nor evaluated (tests, tools). */
    public DdlExecutor(CatalogStore catalog, TransactionManager txns, DdlSettings settings) {
        this(catalog, txns, settings, CheckConstraints.NONE);
    }

    /** {@code checks} validates the CHECK constraints that DDL adds, and evaluates them over existing rows. */
    public DdlExecutor(CatalogStore catalog, TransactionManager txns, DdlSettings settings, CheckConstraints checks) {
        this.catalog = catalog;
        this.txns = txns;
        this.settings = settings;
        this.purger = new Purger(txns, settings.purgeKeys(), settings.attempts());
        this.checks = checks;
    }

    /** How CREATE VIEW, DROP COLUMN and RENAME COLUMN read views' queries (the SQL engine's planner). */
    public DdlExecutor withViews(ViewAnalyzer analyzer) {
        this.views = analyzer;
        return this;
    }

    /** Whether {@code node} is a statement {@link #execute} runs. */
    public static boolean handles(SqlNode node) {
        return node instanceof SqlCreateTable || node instanceof SqlDropTable || node instanceof SqlAlterTableAddColumn
                || node instanceof SqlAlterTableDropColumn || node instanceof SqlDropIndex
                || node instanceof SqlCreateIndex || node instanceof SqlCreateSequence
                || node instanceof SqlAlterSequence || node instanceof SqlDropSequence || node instanceof SqlCreateView
                || node instanceof SqlDropView || node instanceof SqlTruncateTable
                || node instanceof SqlAlterTableRename || node instanceof SqlAlterColumn
                || node instanceof SqlAlterTableAddConstraint || node instanceof SqlAlterTableDropConstraint;
    }

    /**
     * Runs {@code ddl}. With {@code openTx} (a transaction block), the change is written in it and the
     * caller commits it, then calls {@link #runDeferredWork}; with {@code null} the statement commits
     * on its own before returning.
     */
    public void execute(SqlNode ddl, Transaction openTx) {
        execute(ddl, openTx, DdlCaller.INTERNAL);
    }

    /**
     * Runs {@code ddl} for {@code caller}: its check runs first in the statement's transaction (for CREATE
     * INDEX, which runs in transactions of its own, in a read-only one before it starts), and the tables it
     * creates are owned by the caller's user.
     */
    public void execute(SqlNode ddl, Transaction openTx, DdlCaller caller) {
        SqlCreateIndex uniqueConstraint = AddUnique.index(ddl);
        if (ddl instanceof SqlCreateIndex || uniqueConstraint != null) {
            if (openTx != null) {
                throw new ShardSqlException(ErrorCode.ACTIVE_SQL_TRANSACTION, (uniqueConstraint != null
                        ? "ALTER TABLE ... ADD UNIQUE" : "CREATE INDEX") + " cannot run inside a transaction block"
                                + " (it builds the index online in transactions of its own)");
            }
            txns.run(TxnMode.READ_ONLY, settings.attempts(), tx -> {
                caller.authorize().accept(tx);
                return null;
            });
            if (uniqueConstraint != null) {
                new CreateIndex(uniqueConstraint, catalog, txns, settings, purger, true).run();
            } else {
                new CreateIndex((SqlCreateIndex) ddl, catalog, txns, settings, purger).run();
            }
            return;
        }
        if (openTx == null && ddl instanceof SqlAlterTableAddConstraint add
                && add.constraint() instanceof SqlForeignKeyConstraint) {
            new AddForeignKey(add, catalog, checks).runOnline(txns, settings, purger, caller.authorize());
            return;
        }
        if (openTx == null && ddl instanceof SqlAlterTableAddConstraint add
                && add.constraint() instanceof SqlCheckConstraint) {
            new AddCheck(add, catalog, checks).runOnline(txns, settings, caller.authorize());
            return;
        }
        CatalogChange change = change(ddl, caller.user());
        if (openTx != null) {
            caller.authorize().accept(openTx);
            change.apply(openTx);
            return;
        }
        txns.run(TxnMode.READ_WRITE, settings.attempts(), tx -> {
            caller.authorize().accept(tx);
            change.apply(tx);
            return null;
        });
        runDeferredWork();
    }

    /**
     * Deletes the keys of every dropped table and index whose drop has committed (see {@link Purger});
     * returns how many it finished. Idempotent; run it after committing a transaction that ran DDL.
     */
    public int runDeferredWork() {
        return purger.purgePending();
    }

    private CatalogChange change(SqlNode ddl, String owner) {
        if (ddl instanceof SqlCreateTable s) return new CreateTable(s, catalog, owner, checks);
        if (ddl instanceof SqlAlterTableAddConstraint s && s.constraint() instanceof SqlForeignKeyConstraint) {
            return new AddForeignKey(s, catalog, checks);
        }
        if (ddl instanceof SqlAlterTableAddConstraint s) return AddUnique.checkOnly(s, catalog, checks);
        if (ddl instanceof SqlAlterTableDropConstraint s) return new DropConstraint(s, catalog);
        if (ddl instanceof SqlDropTable s) return new DropTable(s, catalog);
        if (ddl instanceof SqlAlterTableAddColumn s) return new AddColumn(s, catalog, checks);
        if (ddl instanceof SqlAlterTableDropColumn s) return new DropColumn(s, catalog, views);
        if (ddl instanceof SqlDropIndex s) return new DropIndex(s, catalog);
        if (ddl instanceof SqlCreateSequence s) return new CreateSequence(s, catalog, owner);
        if (ddl instanceof SqlAlterSequence s) return new AlterSequence(s, catalog);
        if (ddl instanceof SqlDropSequence s) return new DropSequence(s, catalog);
        if (ddl instanceof SqlCreateView s) return new CreateView(s, catalog, views, owner);
        if (ddl instanceof SqlDropView s) return new DropView(s, catalog);
        if (ddl instanceof SqlTruncateTable s) return new TruncateTable(s, catalog);
        if (ddl instanceof SqlAlterColumn s) return new AlterColumn(s, catalog);
        if (ddl instanceof SqlAlterTableRename s) {
            return s.column() == null ? new RenameTable(s, catalog, views) : new RenameColumn(s, catalog, views);
        }
        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "not a DDL statement this executor runs: "
                + ddl.getKind());
    }
}
