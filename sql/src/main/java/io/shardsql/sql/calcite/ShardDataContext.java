package io.shardsql.sql.calcite;

import io.shardsql.txn.Transaction;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of a compiled plan sees: the statement's transaction, how rows are written, the
 * bound parameters ({@code ?0}, {@code ?1}, ... in Calcite's representation), the objects the plan
 * stashed when it was compiled, the statement's clock, and the cancel flag.
 */
public final class ShardDataContext implements DataContext {
    private final SchemaPlus rootSchema;
    private final JavaTypeFactory typeFactory;
    private final Transaction transaction;
    private final TableWrites writes;
    private final Map<String, Object> values = new HashMap<>();
    private final AtomicBoolean cancelled;
    private final Map<Integer, byte[]> lastRowKeys = new HashMap<>();
    private final DeferredInserts deferredInserts;
    private StatementMemory memory = new StatementMemory(StatementMemory.UNBOUNDED);
    private List<Object[]> returning; // the rows a DML ... RETURNING wrote, else null
    private boolean commitFollows;

    public ShardDataContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, Transaction transaction,
                            TableWrites writes, Map<String, Object> stashed, List<Object> parameters,
                            long statementMillis, AtomicBoolean cancelled) {
        this(rootSchema, typeFactory, transaction, writes, stashed, parameters, statementMillis, cancelled, null);
    }

    /**
     * {@code deferredInserts}: where plain INSERTs put their rows instead of writing them (a batch); null: write
     * now.
     */
    public ShardDataContext(SchemaPlus rootSchema, JavaTypeFactory typeFactory, Transaction transaction,
                            TableWrites writes, Map<String, Object> stashed, List<Object> parameters,
                            long statementMillis, AtomicBoolean cancelled, DeferredInserts deferredInserts) {
        this.deferredInserts = deferredInserts;
        this.rootSchema = rootSchema;
        this.typeFactory = typeFactory;
        this.transaction = transaction;
        this.writes = writes;
        this.cancelled = cancelled;
        values.putAll(stashed);
        for (int i = 0; i < parameters.size(); i++) values.put("?" + i, parameters.get(i));
        // Sessions run in UTC: TIMESTAMP has no zone, and CURRENT_TIMESTAMP is the UTC wall clock.
        values.put(Variable.UTC_TIMESTAMP.camelName, statementMillis);
        values.put(Variable.CURRENT_TIMESTAMP.camelName, statementMillis);
        values.put(Variable.LOCAL_TIMESTAMP.camelName, statementMillis);
        values.put(Variable.TIME_ZONE.camelName, TimeZone.getTimeZone("UTC"));
        values.put(Variable.LOCALE.camelName, java.util.Locale.ROOT);
        values.put(Variable.CANCEL_FLAG.camelName, cancelled);
    }

    static ShardDataContext of(DataContext root) {
        return (ShardDataContext) root;
    }

    public Transaction transaction() { return transaction; }

    /** Sets {@code name} to {@code value}: what {@link #get} answers (the session's user for sys tables). */
    public ShardDataContext withValue(String name, Object value) {
        values.put(name, value);
        return this;
    }

    /**
     * Keeps every row this execution's DML writes (inserted, updated as it is now, deleted), in catalog
     * representation, for its RETURNING list; {@link #written()} gives them.
     */
    public ShardDataContext keepWrittenRows() {
        returning = new java.util.ArrayList<>();
        return this;
    }

    /** The rows kept by {@link #keepWrittenRows}. */
    public List<Object[]> written() {
        return returning;
    }

    void written(Object[] row) {
        if (returning != null) returning.add(row);
    }

    /**
     * The transaction commits right after this execution, and rolls back if it fails (autocommit): plain
     * INSERTs then write their keys without reading them first ({@link TableWrites#insertUnread}), and the
     * commit checks them.
     */
    public ShardDataContext commitFollows(boolean follows) {
        commitFollows = follows;
        return this;
    }

    /** Whether {@link #commitFollows} was set. */
    boolean commitFollows() { return commitFollows; }

    /** This execution may hold at most {@code bytes} in its operators ({@code sql.statement-memory}). */
    public ShardDataContext limitMemory(long bytes) {
        memory = new StatementMemory(bytes);
        return this;
    }

    /** What this execution's operators hold, counted against its limit. */
    public StatementMemory memory() { return memory; }

    public TableWrites writes() { return writes; }

    /** Where a batch's plain INSERTs hold their rows, or null. */
    DeferredInserts deferredInserts() { return deferredInserts; }

    /** Parameter {@code i} in Calcite's representation. */
    public Object parameter(int i) { return values.get("?" + i); }

    public boolean cancelled() { return cancelled.get(); }

    /**
     * Scans of tables with a hidden row id note the key of each row they produce, so that an UPDATE or
     * DELETE fed straight by that scan (the planner checks the plan is such a pipeline) knows which
     * stored row an input row is: the row id is not a column.
     */
    void rowRead(int tableId, byte[] rowKey) { lastRowKeys.put(tableId, rowKey); }

    byte[] lastRowRead(int tableId) {
        byte[] k = lastRowKeys.get(tableId);
        if (k == null) throw new IllegalStateException("no row of table " + tableId + " was read");
        return k;
    }

    @Override
    public SchemaPlus getRootSchema() { return rootSchema; }

    @Override
    public JavaTypeFactory getTypeFactory() { return typeFactory; }

    @Override
    public QueryProvider getQueryProvider() { return null; }

    @Override
    public Object get(String name) { return values.get(name); }
}
