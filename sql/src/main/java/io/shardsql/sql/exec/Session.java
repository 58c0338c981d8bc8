package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.DeferredInserts;
import io.shardsql.sql.calcite.Parameters;
import io.shardsql.sql.calcite.ShardDataContext;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.rows.UniqueViolations;
import io.shardsql.storage.KeyExistsException;
import io.shardsql.sql.parser.AccessMode;
import io.shardsql.sql.parser.IsolationLevel;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.ddl.DdlCaller;
import io.shardsql.sql.parser.SqlBeginOrSetTransaction;
import io.shardsql.sql.parser.SqlAlterTableIfExists;
import io.shardsql.sql.parser.SqlCommitOrRollback;
import io.shardsql.sql.parser.SqlReturning;
import io.shardsql.sql.parser.SqlRowLocking;
import io.shardsql.sql.sequence.SessionSequences;
import io.shardsql.sql.parser.SqlDropSnapshot;
import io.shardsql.sql.parser.SqlShowSetting;
import io.shardsql.sql.parser.SqlShowSnapshots;
import io.shardsql.sql.privilege.Access;
import io.shardsql.txn.Transaction;
import io.shardsql.txn.TxnIsolation;
import io.shardsql.txn.TxnMode;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlExplain;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One client's conversation with the engine: runs statements one at a time, in autocommit (each
 * statement its own transaction; a DML statement that hits a retryable conflict is run again, since
 * nothing of it was seen yet) or inside a transaction block (BEGIN ... COMMIT).
 *
 * <p>Transaction blocks behave as PostgreSQL's: the snapshot is taken by the first statement after
 * BEGIN (so SET TRANSACTION may follow BEGIN); an error inside a block aborts the whole transaction —
 * later statements fail with 25P02 until ROLLBACK (or COMMIT, which then rolls back). Isolation is
 * snapshot isolation, reported as REPEATABLE READ (the default; READ COMMITTED and READ UNCOMMITTED run at it
 * too, stronger than asked), or SERIALIZABLE: snapshot isolation whose reads are validated at commit
 * (docs/transactions.md). The level comes from BEGIN / SET TRANSACTION, else from the session's default
 * ({@code SET SESSION CHARACTERISTICS AS TRANSACTION ...}, {@code SET default_transaction_isolation},
 * {@link #setIsolation}); autocommit statements run at the default too.
 *
 * <p>With autocommit off ({@link #setAutoCommit}, JDBC's mode) every statement outside a block opens
 * one, as if BEGIN had come first; COMMIT or ROLLBACK ends it and the next statement opens the next.
 * Read-only ({@link #setReadOnly}) makes the transactions it opens read-only.
 *
 * <p>Not thread-safe, except {@link #cancel}.
 */
public final class Session implements AutoCloseable {
    static final int AUTOCOMMIT_ATTEMPTS = 10;

    private final SqlEngine engine;
    private final String user;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private boolean autoCommit = true;
    private boolean readOnly;
    private DeferredInserts deferred; // while a batch of plain INSERTs runs
    /** The transaction commits right after the statement or batch running now (autocommit): see ShardDataContext. */
    private boolean commitFollows;
    private CatalogSnapshot planCatalog; // the catalog the last statement was planned with: to word a 23505 at commit
    private TxnState state = TxnState.IDLE;
    private TxnMode blockMode = TxnMode.READ_WRITE;
    private TxnIsolation blockIsolation = TxnIsolation.SNAPSHOT;
    private Transaction tx; // the block's transaction, once its first statement ran
    private boolean blockRanDdl;
    private String holder = "";
    private final SessionSettings settings = new SessionSettings();
    private final SessionSequences sequences;
    private Access viewer = Access.INTERNAL; // whose the statement being planned is: sys tables show what it may see

    private enum TxnState { IDLE, IN_BLOCK, FAILED }

    Session(SqlEngine engine, String user) {
        this.engine = engine;
        this.user = user;
        this.sequences = new SessionSequences(engine.sequences(), engine.catalog());
    }

    /** Turning autocommit on commits an open transaction (as JDBC says); off makes every statement open one. */
    public void setAutoCommit(boolean on) {
        if (on && !autoCommit && state != TxnState.IDLE) commit();
        autoCommit = on;
    }

    public boolean autoCommit() { return autoCommit; }

    /** Whether the transactions this session opens from now on are read-only. */
    public void setReadOnly(boolean on) {
        readOnly = on;
        if (state == TxnState.IN_BLOCK && tx == null) blockMode = on ? TxnMode.READ_ONLY : TxnMode.READ_WRITE;
    }

    public boolean readOnly() { return readOnly; }

    /** The isolation of the transactions this session opens from now on (JDBC's setTransactionIsolation). */
    public void setIsolation(TxnIsolation isolation) {
        settings.setDefaultIsolation(isolation);
        if (state == TxnState.IN_BLOCK && tx == null) blockIsolation = isolation;
    }

    /** The isolation of the open transaction block, or else of the transactions to come. */
    public TxnIsolation isolation() {
        return state == TxnState.IDLE ? settings.defaultIsolation() : blockIsolation;
    }

    /** Commits the open transaction, if any (JDBC's {@code Connection.commit}); a conflict fails with 40001. */
    public void commitTransaction() {
        endTransaction(this::commit);
    }

    /** Rolls back the open transaction, if any. */
    public void rollbackTransaction() {
        endTransaction(this::rollback);
    }

    /** COMMIT or ROLLBACK as {@link #execute} runs the statement, without parsing its text each time. */
    private void endTransaction(java.util.function.Supplier<StatementResult> end) {
        cancelled.set(false);
        try {
            end.get();
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            ShardSqlException error = SqlErrors.translate(e);
            if (state == TxnState.IN_BLOCK) failBlock();
            throw error;
        }
    }

    public StatementResult execute(String sql) {
        return execute(sql, List.of());
    }

    /** Runs one statement with {@code params} bound to its {@code ?}s, in order. */
    public StatementResult execute(String sql, List<?> params) {
        cancelled.set(false);
        if (!autoCommit && state == TxnState.IDLE) begin(readOnly ? AccessMode.READ_ONLY : AccessMode.READ_WRITE, null);
        if (tx != null) tx.endStatement(); // a query or DML statement starts its own (rows, count)
        try {
            return run(sql, params);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            // Calcite also throws errors (bad constants, planner asserts)
            ShardSqlException error = SqlErrors.translate(e);
            if (state == TxnState.IN_BLOCK) failBlock();
            throw error;
        }
    }

    /**
     * Parses and plans {@code sql} (a query or DML statement, else nothing is planned) and describes it;
     * the plan is cached, so executing the result does not plan again while the catalog stays the same.
     *
     * <p>Outside a transaction block the statement is first described against the newest catalog this
     * node has read, with no transaction (no timestamp, no read): applications such as BenchBase prepare
     * every statement of every transaction. Only a success is kept; any error there (a table or grant the
     * node has not seen yet) sends it to a fresh snapshot, which decides. A success against a catalog that
     * a concurrent or just-committed change has moved on is as if the prepare came first: the description
     * is advice (an execution plans and checks privileges at its own snapshot and sends its own columns),
     * and the parameter count depends on the text alone. docs/sql.md, "Prepared statements".
     */
    public Prepared prepare(String sql) {
        try {
            // A query or DML statement seen before is not parsed again, as in run(): its plan is cached.
            SqlNode node = null;
            if (engine.statementClass(sql) == null) {
                node = ShardSqlParser.parse(sql);
                if (node instanceof SqlReturning r) return prepareReturning(sql, r);
                if (node instanceof SqlRowLocking l) return prepareLocking(sql, l);
                if (!node.getKind().belongsTo(SqlKind.QUERY) && !node.getKind().belongsTo(SqlKind.DML)) {
                    return new Prepared(sql, List.of(), List.of());
                }
                engine.classify(sql, node);
            }
            if (state != TxnState.IN_BLOCK) {
                java.util.Optional<CatalogSnapshot> newest = engine.catalog().newestRead();
                if (newest.isPresent()) {
                    try {
                        return describe(sql, node, newest.get());
                    } catch (RuntimeException | LinkageError | AssertionError staleOrWrong) {
                        node = null; // validation may have rewritten the tree: parse afresh
                    }
                }
            }
            Transaction t = state == TxnState.IN_BLOCK ? blockTransaction()
                    : beginTransaction(TxnMode.READ_ONLY);
            try {
                return describe(sql, node, engine.catalog().read(t));
            } finally {
                if (state != TxnState.IN_BLOCK) t.close();
            }
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            ShardSqlException error = SqlErrors.translate(e);
            if (state == TxnState.IN_BLOCK) failBlock();
            throw error;
        }
    }

    /** A prepared statement's parameters as the client sees them: {@code ?1}, {@code ?2}, ... with their types. */
    private static List<ResultColumn> parameterColumns(List<RelDataType> types) {
        List<ResultColumn> params = new ArrayList<>(types.size());
        for (int i = 0; i < types.size(); i++) {
            params.add(ResultColumn.of(new org.apache.calcite.rel.type.RelDataTypeFieldImpl("?" + (i + 1), i,
                    types.get(i))));
        }
        return params;
    }

    /** Plans {@code sql} against {@code catalog} (cached if it can be; {@code node} may be null), and describes it. */
    private Prepared describe(String sql, SqlNode node, CatalogSnapshot catalog) {
        PreparedPlan cached = engine.cachedPlan(sql, catalog.version());
        PreparedPlan plan = cached != null ? cached
                : engine.plan(sql, node != null ? node : ShardSqlParser.parse(sql), catalog);
        Authorizer.checkPlan(access(catalog), plan.needs());
        List<ResultColumn> params = parameterColumns(plan.parameters());
        List<ResultColumn> columns = plan.kind() == PreparedPlan.Kind.QUERY
                ? plan.rowType().getFieldList().stream().map(ResultColumn::of).toList() : List.of();
        return new Prepared(sql, params, columns);
    }

    /**
     * Runs {@code sql} once per parameter set (JDBC's {@code executeBatch}) and returns each set's count
     * (-2, JDBC's SUCCESS_NO_INFO, for statements without one). Inside a transaction, a plain single-row
     * {@code INSERT ... VALUES} holds its rows back and the batch writes them together at its end, with
     * one parallel read for all their key checks ({@link DeferredInserts}); anything else runs set by
     * set. A failure throws {@link BatchException} with the counts of the sets before the failing one.
     */
    public long[] executeBatch(String sql, List<? extends List<?>> sets) {
        if (!autoCommit && state == TxnState.IDLE) begin(readOnly ? AccessMode.READ_ONLY : AccessMode.READ_WRITE, null);
        long[] counts = new long[sets.size()];
        boolean defer = state == TxnState.IN_BLOCK && sets.size() > 1 && isPlainSingleRowInsert(sql);
        DeferredInserts held = defer ? new DeferredInserts() : null;
        deferred = held;
        try {
            for (int k = 0; k < sets.size(); k++) {
                if (held != null) held.beginSet(k);
                try {
                    counts[k] = countOf(execute(sql, sets.get(k)));
                } catch (ShardSqlException e) {
                    throw new BatchException(Arrays.copyOf(counts, k), e);
                }
            }
            if (held != null) {
                try {
                    held.flush(blockTransaction(), engine.writes(), commitFollows);
                } catch (DeferredInserts.Failure f) {
                    failBlock();
                    throw new BatchException(Arrays.copyOf(counts, f.set()), f.error());
                } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                    failBlock();
                    throw new BatchException(new long[0], SqlErrors.translate(e));
                }
            }
            return counts;
        } finally {
            deferred = null;
        }
    }

    /**
     * {@link #executeBatch} as one transaction of its own, committed at its end (JDBC's batch in autocommit
     * mode): all sets or none. Its plain INSERTs do not read their keys; the commit checks them, and a
     * duplicate fails it (23505) with nothing written. On any failure the transaction is rolled back.
     */
    public long[] executeBatchInOwnTransaction(String sql, List<? extends List<?>> sets) {
        if (!autoCommit || state != TxnState.IDLE) {
            throw new ShardSqlException(ErrorCode.TXN_STATE, "a batch of its own runs in autocommit mode only");
        }
        cancelled.set(false);
        begin(readOnly ? AccessMode.READ_ONLY : AccessMode.READ_WRITE, null);
        commitFollows = true;
        try {
            long[] counts = executeBatch(sql, sets);
            commit();
            return counts;
        } catch (BatchException e) {
            if (state != TxnState.IDLE) rollback();
            throw e;
        } catch (RuntimeException | LinkageError | AssertionError e) {
            if (state != TxnState.IDLE) rollback();
            throw SqlErrors.translate(e);
        } finally {
            commitFollows = false;
        }
    }

    private static boolean isPlainSingleRowInsert(String sql) {
        SqlNode node;
        try {
            node = ShardSqlParser.parse(sql);
        } catch (RuntimeException e) {
            return false; // running it reports the error
        }
        return node.getClass() == SqlInsert.class && ((SqlInsert) node).getSource() instanceof SqlCall values
                && values.getKind() == SqlKind.VALUES && values.operandCount() == 1;
    }

    private static long countOf(StatementResult r) {
        if (r instanceof StatementResult.UpdateCount c) return c.count();
        if (r instanceof StatementResult.Rows rows) {
            rows.cursor().close();
            throw new ShardSqlException(ErrorCode.INVALID_SQL, "a batch may not contain queries");
        }
        if (r instanceof StatementResult.Done) return -2;
        throw new ShardSqlException(ErrorCode.INTERNAL, "unknown statement result " + r.getClass().getName());
    }

    /** Runs a prepared statement with {@code params}. */
    public StatementResult execute(Prepared prepared, List<?> params) {
        return execute(prepared.sql(), params);
    }

    /** Stops the statement running now (from another thread); it fails with 57014. */
    public void cancel() {
        cancelled.set(true);
    }

    /** Names this session (its id, user and client) in the transactions it runs: sys.transactions, sys.gc_horizon. */
    public void setHolder(String holder) {
        this.holder = holder;
    }

    private Transaction beginTransaction(TxnMode mode) {
        Transaction t = engine.transactions().begin(mode, isolation());
        t.setHolder(holder);
        return t;
    }

    /** The idle-in-transaction timeout this session SET for itself, if it did (else the server's applies). */
    public java.util.Optional<java.time.Duration> idleInTransactionTimeout() {
        return settings.idleInTransactionTimeout();
    }

    public boolean inTransactionBlock() {
        return state != TxnState.IDLE;
    }

    private StatementResult run(String sql, List<?> params) {
        // The hot path: a query or DML statement seen before is not even parsed (its plan is cached).
        SqlEngine.StatementClass known = engine.statementClass(sql);
        if (known != null && state != TxnState.FAILED) {
            return known == SqlEngine.StatementClass.QUERY ? query(sql, params) : dml(sql, params);
        }
        SqlNode node = ShardSqlParser.parse(sql);
        if (state == TxnState.FAILED && !(node instanceof SqlCommitOrRollback)) {
            throw new ShardSqlException(ErrorCode.IN_FAILED_TRANSACTION,
                    "current transaction is aborted, commands ignored until end of transaction block");
        }
        engine.classify(sql, node);
        if (node instanceof SqlBeginOrSetTransaction t) {
            return switch (t.verb()) {
                case BEGIN -> begin(t.accessMode(), t.isolationLevel());
                case SET -> setTransaction(t.accessMode(), t.isolationLevel());
                case SESSION -> setSessionCharacteristics(t.accessMode(), t.isolationLevel());
            };
        }
        if (node instanceof SqlCommitOrRollback e) {
            return switch (e.verb()) {
                case COMMIT -> commit();
                case ROLLBACK -> rollback();
            };
        }
        if (node instanceof SqlExplain explain) return explain(sql, explain);
        if (node instanceof SqlShowSetting show) return settings.show(show.name(), isolation());
        if (node instanceof org.apache.calcite.sql.SqlSetOption set) return settings.apply(set);
        if (AccessStatements.handles(node)) return accessStatement(node);
        if (node instanceof SqlReturning r) return returning(sql, r, params);
        if (node instanceof SqlRowLocking l) return lockingQuery(l, params);
        if (SnapshotStatements.handles(node)) return snapshotStatement(node);
        if (node.getKind().belongsTo(SqlKind.QUERY)) return query(sql, params);
        if (node.getKind().belongsTo(SqlKind.DML)) return dml(sql, params);
        if (node instanceof SqlAlterTableIfExists alter) return alterIfExists(alter);
        if (node.getKind().belongsTo(SqlKind.DDL)) return ddl(node);
        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, node.getKind()
                + " statements are not supported yet");
    }

    // ---- transaction blocks --------------------------------------------------------------------

    private StatementResult begin(AccessMode access, IsolationLevel isolation) {
        if (state != TxnState.IDLE) return new StatementResult.Done("BEGIN"); // PostgreSQL warns and goes on
        blockIsolation = isolation == null ? settings.defaultIsolation() : SessionSettings.isolationOf(isolation);
        state = TxnState.IN_BLOCK;
        blockMode = access == AccessMode.READ_ONLY || (access == null && readOnly) ? TxnMode.READ_ONLY
                : TxnMode.READ_WRITE;
        return new StatementResult.Done("BEGIN");
    }

    private StatementResult setTransaction(AccessMode access, IsolationLevel isolation) {
        if (state == TxnState.IN_BLOCK) {
            if (tx != null) {
                throw new ShardSqlException(ErrorCode.TXN_STATE, "SET TRANSACTION must be called before any query");
            }
            if (access != null) blockMode = access == AccessMode.READ_ONLY ? TxnMode.READ_ONLY : TxnMode.READ_WRITE;
            if (isolation != null) blockIsolation = SessionSettings.isolationOf(isolation);
        }
        return new StatementResult.Done("SET"); // outside a block PostgreSQL warns and does nothing
    }

    /** The modes of the session's transactions to come; READ ONLY / READ WRITE as {@link #setReadOnly}. */
    private StatementResult setSessionCharacteristics(AccessMode access, IsolationLevel isolation) {
        if (access != null) readOnly = access == AccessMode.READ_ONLY;
        if (isolation != null) settings.setDefaultIsolation(SessionSettings.isolationOf(isolation));
        return new StatementResult.Done("SET");
    }

    private StatementResult commit() {
        if (state == TxnState.IDLE) return new StatementResult.Done("COMMIT");
        if (state == TxnState.FAILED) {
            endBlock();
            return new StatementResult.Done("ROLLBACK");
        }
        Transaction t = tx;
        boolean ranDdl = blockRanDdl;
        endBlock();
        if (t != null) commit(t); // a failure leaves it aborted; the block is over either way
        if (ranDdl) engine.ddl().afterCommit();
        return new StatementResult.Done("COMMIT");
    }

    private StatementResult rollback() {
        if (tx != null) tx.rollback();
        endBlock();
        return new StatementResult.Done("ROLLBACK");
    }

    private void failBlock() {
        if (tx != null) tx.rollback();
        tx = null;
        state = TxnState.FAILED;
    }

    private void endBlock() {
        tx = null;
        blockRanDdl = false;
        state = TxnState.IDLE;
        blockMode = TxnMode.READ_WRITE;
    }

    /** The block's transaction, begun by its first statement. */
    private Transaction blockTransaction() {
        if (tx == null) tx = beginTransaction(blockMode);
        return tx;
    }

    // ---- statements ----------------------------------------------------------------------------

    private StatementResult query(String sql, List<?> params) {
        if (state == TxnState.IN_BLOCK) return rows(blockTransaction(), sql, params, () -> { });
        Transaction t = beginTransaction(TxnMode.READ_ONLY);
        try {
            return rows(t, sql, params, t::close);
        } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
            t.close();
            throw e;
        }
    }

    private StatementResult.Rows rows(Transaction t, String sql, List<?> params, Runnable onEnd) {
        t.startStatement(); // its scans see the transaction's writes as they are now, whatever it writes
        PreparedPlan plan = plan(t, sql);
        Enumerable<?> rows = plan.bindable().bind(context(t, plan, params));
        Enumerator<?> e = rows.enumerator();
        List<ResultColumn> columns = plan.rowType().getFieldList().stream().map(ResultColumn::of).toList();
        return new StatementResult.Rows(columns, new RowCursor(e, plan.rowType(), onEnd, () -> {
            if (state == TxnState.IN_BLOCK) failBlock();
        }));
    }

    private StatementResult dml(String sql, List<?> params) {
        if (state == TxnState.IN_BLOCK) return new StatementResult.UpdateCount(count(blockTransaction(), sql, params));
        ShardSqlException last = null;
        for (int attempt = 0; attempt < AUTOCOMMIT_ATTEMPTS; attempt++) {
            try (Transaction t = beginTransaction(TxnMode.READ_WRITE)) {
                commitFollows = true;
                long n;
                try {
                    n = count(t, sql, params);
                } finally {
                    commitFollows = false;
                }
                commit(t);
                return new StatementResult.UpdateCount(n);
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                last = SqlErrors.translate(e);
                if (!last.retryable() || cancelled.get()) throw last;
            }
        }
        throw last;
    }

    /** Commits {@code t}; a key an insert found taken at commit is worded as the statement's catalog says. */
    private void commit(Transaction t) {
        try {
            t.commit();
        } catch (KeyExistsException e) {
            throw UniqueViolations.of(e, planCatalog);
        }
    }

    private long count(Transaction t, String sql, List<?> params) {
        t.startStatement(); // its scans see the transaction's writes as they are now, whatever it writes
        PreparedPlan plan = plan(t, sql);
        Enumerable<?> result = plan.bindable().bind(context(t, plan, params));
        try (Enumerator<?> e = result.enumerator()) {
            if (!e.moveNext()) return 0;
            Object v = e.current();
            return ((Number) (v instanceof Object[] a ? a[0] : v)).longValue();
        }
    }

    // ---- DML ... RETURNING (Returning) ------------------------------------------------------------

    private StatementResult returning(String sql, SqlReturning r, List<?> params) {
        Returning.check(r);
        if (state == TxnState.IN_BLOCK) return returnedRows(blockTransaction(), sql, r, params);
        ShardSqlException last = null;
        for (int attempt = 0; attempt < AUTOCOMMIT_ATTEMPTS; attempt++) {
            try (Transaction t = beginTransaction(TxnMode.READ_WRITE)) {
                StatementResult.Rows rows = returnedRows(t, sql, r, params);
                t.commit();
                return rows;
            } catch (RuntimeException | LinkageError | AssertionError | StackOverflowError e) {
                last = SqlErrors.translate(e);
                if (!last.retryable() || cancelled.get()) throw last;
            }
        }
        throw last;
    }

    /** Runs the DML, keeping the rows it writes, then computes the RETURNING list of each (all in memory). */
    private StatementResult.Rows returnedRows(Transaction t, String sql, SqlReturning r, List<?> params) {
        t.startStatement();
        CatalogSnapshot catalog = engine.catalog().read(t);
        PreparedPlan dml = returningDml(sql, r, catalog);
        ShardDataContext ctx = context(t, dml, params).keepWrittenRows();
        try (Enumerator<?> e = dml.bindable().bind(ctx).enumerator()) {
            e.moveNext();
        }
        PreparedPlan select = returningQuery(r, catalog);
        List<Object> out = new ArrayList<>();
        for (Object[] row : ctx.written()) {
            try (Enumerator<?> e = select.bindable().bind(context(t, select, Returning.parameters(row))).enumerator()) {
                while (e.moveNext()) out.add(e.current());
            }
        }
        List<ResultColumn> columns = select.rowType().getFieldList().stream().map(ResultColumn::of).toList();
        return new StatementResult.Rows(columns, new RowCursor(org.apache.calcite.linq4j.Linq4j.enumerator(out),
                select.rowType(), () -> { }, () -> { }));
    }

    private PreparedPlan returningDml(String sql, SqlReturning r, CatalogSnapshot catalog) {
        PreparedPlan dml = engine.cachedPlan(Returning.dmlKey(sql), catalog.version());
        return dml != null ? dml : engine.plan(Returning.dmlKey(sql), r.statement(), catalog);
    }

    private PreparedPlan returningQuery(SqlReturning r, CatalogSnapshot catalog) {
        String query = Returning.query(r, catalog);
        PreparedPlan select = engine.cachedPlan(query, catalog.version());
        return select != null ? select : engine.plan(query, Returning.parse(query), catalog);
    }

    private Prepared prepareReturning(String sql, SqlReturning r) {
        Returning.check(r);
        Transaction t = state == TxnState.IN_BLOCK ? blockTransaction() : beginTransaction(TxnMode.READ_ONLY);
        try {
            CatalogSnapshot catalog = engine.catalog().read(t);
            PreparedPlan dml = returningDml(sql, r, catalog);
            List<ResultColumn> params = parameterColumns(dml.parameters());
            List<ResultColumn> columns = returningQuery(r, catalog).rowType().getFieldList().stream()
                    .map(ResultColumn::of).toList();
            return new Prepared(sql, params, columns);
        } finally {
            if (state != TxnState.IN_BLOCK) t.close();
        }
    }

    // ---- SELECT ... FOR UPDATE / FOR SHARE (RowLocking) -----------------------------------------

    /**
     * Runs a locking query: in a block its locks stay until the block ends; in autocommit they are taken and
     * released at once (a check for conflicts), the statement retried on a retryable conflict like DML.
     */
    private StatementResult lockingQuery(SqlRowLocking l, List<?> params) {
        if (state == TxnState.IN_BLOCK) return lockedRows(blockTransaction(), l, params);
        ShardSqlException last = null;
        for (int attempt = 0; attempt < AUTOCOMMIT_ATTEMPTS; attempt++) {
            try (Transaction t = beginTransaction(TxnMode.READ_WRITE)) {
                StatementResult.Rows rows = lockedRows(t, l, params);
                t.commit();
                return rows;
            } catch (RuntimeException | LinkageError | AssertionError e) {
                last = SqlErrors.translate(e);
                if (!last.retryable() || cancelled.get()) throw last;
            }
        }
        throw last;
    }

    /** Reads the rows (with their keys), locks them, and answers the rows kept (all in memory). */
    private StatementResult.Rows lockedRows(Transaction t, SqlRowLocking l, List<?> params) {
        t.startStatement();
        CatalogSnapshot catalog = engine.catalog().read(t);
        RowLocking.Query q = RowLocking.of(l, catalog, params);
        PreparedPlan plan = lockingPlan(q, catalog);
        List<Object[]> read = new ArrayList<>();
        try (Enumerator<?> e = plan.bindable().bind(context(t, plan, q.params())).enumerator()) {
            while (e.moveNext()) read.add((Object[]) e.current()); // a key column is added: never a bare value
        }
        List<Object> out = new ArrayList<>(RowLocking.lock(t, q, read));
        RelDataType rowType = plan.schema().typeFactory().createStructType(
                plan.rowType().getFieldList().subList(0, plan.rowType().getFieldCount() - q.keyColumns()));
        List<ResultColumn> columns = rowType.getFieldList().stream().map(ResultColumn::of).toList();
        return new StatementResult.Rows(columns, new RowCursor(org.apache.calcite.linq4j.Linq4j.enumerator(out),
                rowType, () -> { }, () -> { }));
    }

    /** The plan of a locking query (cached by its text), checked: SELECT and, to lock, UPDATE on the table. */
    private PreparedPlan lockingPlan(RowLocking.Query q, CatalogSnapshot catalog) {
        PreparedPlan cached = engine.cachedPlan(q.sql(), catalog.version());
        PreparedPlan plan = cached != null ? cached : engine.plan(q.sql(), ShardSqlParser.parse(q.sql()), catalog);
        Access access = access(catalog);
        Authorizer.checkPlan(access, plan.needs());
        Authorizer.checkPlan(access, java.util.Set.of(new TableNeed(q.table().name(),
                io.shardsql.sql.privilege.Privilege.UPDATE, false)));
        viewer = access;
        return plan;
    }

    private Prepared prepareLocking(String sql, SqlRowLocking l) {
        Transaction t = state == TxnState.IN_BLOCK ? blockTransaction() : beginTransaction(TxnMode.READ_ONLY);
        try {
            CatalogSnapshot catalog = engine.catalog().read(t);
            RowLocking.Query q = RowLocking.of(l, catalog, null);
            PreparedPlan plan = lockingPlan(q, catalog);
            List<RelDataType> types = new ArrayList<>();
            int total = plan.parameters().size() + q.limitParams().size();
            RelDataType count = plan.schema().typeFactory().createSqlType(
                    org.apache.calcite.sql.type.SqlTypeName.BIGINT);
            for (int i = 0, planned = 0; i < total; i++) { // OFFSET / LIMIT of SKIP LOCKED are not in the plan
                types.add(q.limitParams().contains(i) ? count : plan.parameters().get(planned++));
            }
            List<ResultColumn> params = parameterColumns(types);
            List<ResultColumn> columns = plan.rowType().getFieldList()
                    .subList(0, plan.rowType().getFieldCount() - q.keyColumns()).stream()
                    .map(ResultColumn::of).toList();
            return new Prepared(sql, params, columns);
        } finally {
            if (state != TxnState.IN_BLOCK) t.close();
        }
    }

    private StatementResult explain(String sql, SqlExplain explain) {
        Transaction t = state == TxnState.IN_BLOCK ? blockTransaction()
                : beginTransaction(TxnMode.READ_ONLY);
        try {
            CatalogSnapshot catalog = engine.catalog().read(t);
            List<Object[]> lines = new ArrayList<>();
            PreparedPlan plan;
            String indent = "";
            if (explain.getExplicandum() instanceof SqlRowLocking l) { // the query that finds the rows to lock
                RowLocking.Query q = RowLocking.of(l, catalog, null);
                plan = lockingPlan(q, catalog);
                lines.add(new Object[] {RowLocking.explainLine(l, q)});
                indent = "  ";
            } else {
                plan = engine.plan(sql, explain.getExplicandum(), catalog);
                Authorizer.checkPlan(access(catalog), plan.needs());
            }
            for (String line : plan.explain().split("\n")) if (!line.isBlank()) lines.add(new Object[] {indent + line});
            return ExplainResult.of(lines);
        } finally {
            if (state != TxnState.IN_BLOCK) t.close();
        }
    }

    private StatementResult ddl(SqlNode node) {
        if (state == TxnState.IN_BLOCK) blockRanDdl = true;
        DdlCaller caller = new DdlCaller(user, t -> {
            CatalogSnapshot catalog = engine.catalog().read(t);
            Authorizer.checkDdl(access(catalog), catalog, node);
        });
        engine.ddl().execute(node, state == TxnState.IN_BLOCK ? blockTransaction() : null, caller);
        return new StatementResult.Done(node.getKind() == SqlKind.OTHER_DDL ? "DDL" : tag(node));
    }

    /**
     * {@code ALTER TABLE IF EXISTS}: the statement if the table (or view) is there at the statement's
     * snapshot, else nothing (PostgreSQL gives a notice).
     */
    private StatementResult alterIfExists(SqlAlterTableIfExists alter) {
        String name = alter.table().names.get(alter.table().names.size() - 1); // a schema before it is not ours
        java.util.function.Function<Transaction, Boolean> exists = t -> {
            CatalogSnapshot catalog = engine.catalog().read(t);
            return catalog.table(name).isPresent() || catalog.view(name).isPresent();
        };
        boolean there = state == TxnState.IN_BLOCK ? exists.apply(blockTransaction())
                : engine.transactions().run(TxnMode.READ_ONLY, AUTOCOMMIT_ATTEMPTS, exists::apply);
        return there ? ddl(alter.action()) : new StatementResult.Done("ALTER TABLE");
    }

    private StatementResult accessStatement(SqlNode node) {
        AccessStatements statements = new AccessStatements(engine.catalog(), engine.users(), user);
        if (state == TxnState.IN_BLOCK) {
            return new StatementResult.Done(statements.run(node, blockTransaction()));
        }
        String tag = engine.transactions().run(TxnMode.READ_WRITE, AUTOCOMMIT_ATTEMPTS, t -> statements.run(node, t));
        return new StatementResult.Done(tag);
    }

    /** What this session's user may do under {@code catalog}. */
    private Access access(CatalogSnapshot catalog) {
        return Access.of(user, catalog.grants());
    }

    private StatementResult snapshotStatement(SqlNode node) {
        if (user != null) { // the engine's own sessions may do everything
            try (Transaction t = beginTransaction(TxnMode.READ_ONLY)) {
                Authorizer.checkBackup(access(engine.catalog().read(t)), node instanceof SqlShowSnapshots
                        ? "SHOW SNAPSHOTS" : node.getClass() == SqlDropSnapshot.class ? "DROP SNAPSHOT" : "SNAPSHOT");
            }
        }
        return SnapshotStatements.run(node, engine.snapshots(), state != TxnState.IDLE);
    }

    private static String tag(SqlNode node) {
        return switch (node.getKind()) {
            case CREATE_TABLE -> "CREATE TABLE";
            case DROP_TABLE -> "DROP TABLE";
            case CREATE_INDEX -> "CREATE INDEX";
            case DROP_INDEX -> "DROP INDEX";
            case ALTER_TABLE -> "ALTER TABLE";
            default -> node.getKind().name().replace('_', ' ');
        };
    }

    private PreparedPlan plan(Transaction t, String sql) {
        CatalogSnapshot catalog = engine.catalog().read(t);
        PreparedPlan cached = engine.cachedPlan(sql, catalog.version());
        PreparedPlan plan = cached != null ? cached : engine.plan(sql, ShardSqlParser.parse(sql), catalog);
        Access access = access(catalog);
        Authorizer.checkPlan(access, plan.needs());
        viewer = access;
        planCatalog = catalog;
        return plan;
    }

    private ShardDataContext context(Transaction t, PreparedPlan plan, List<?> params) {
        List<RelDataType> types = plan.parameters();
        if (params.size() != types.size()) {
            throw new ShardSqlException(ErrorCode.PARAMETER_COUNT,
                    "the statement has " + types.size() + " parameters, " + params.size() + " were bound");
        }
        Object[] internal = new Object[types.size()];
        for (int i = 0; i < internal.length; i++) internal[i] = Parameters.toInternal(types.get(i), params.get(i), i);
        return new ShardDataContext(plan.schema().root().plus(), plan.schema().typeFactory(), t, engine.writes(),
                plan.stashed(), Arrays.asList(internal), System.currentTimeMillis(), cancelled, deferred)
                .commitFollows(commitFollows).limitMemory(engine.statementMemory())
                .withValue(SystemSchema.VIEWER, viewer)
                .withValue(SessionSequences.CONTEXT_KEY, sequences.bind(t, user));
    }

    /** Rolls back an open transaction block. */
    @Override
    public void close() {
        if (tx != null) tx.rollback();
        endBlock();
    }
}
