package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.net.PendingRequest;
import io.shardsql.jdbc.net.WireClient;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.Done;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.message.UpdateCount;
import io.shardsql.protocol.value.Value;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Statement}: SQL text runs with one {@code Execute} (planned and run in one round trip). A query
 * opens a {@link ShardResultSet} over its cursor; a DML statement leaves an update count; anything else
 * (DDL, BEGIN, SET) leaves update count 0. {@code addBatch(sql)}/{@code executeBatch} pipeline one
 * {@code Execute} per statement and then read the answers in order. {@code cancel} names the running
 * request on a second connection.
 */
class ShardStatement implements Statement {
    final ShardConnection connection;
    private int fetchSize;
    private long maxRows;
    private int queryTimeoutSeconds;
    private int maxFieldSize;
    private ShardResultSet current;
    private ShardResultSet generatedKeys;
    private long updateCount = -1;
    private boolean closed;
    private boolean closeOnCompletion;
    private boolean poolable;
    private final Batch<String> sqlBatch = new Batch<>();
    private volatile int runningRequestId;

    ShardStatement(ShardConnection connection) {
        this.connection = connection;
        this.fetchSize = connection.defaultFetchSize();
    }

    // ---- running

    /** Runs {@code statement} with {@code parameters}: a result set or an update count afterwards. */
    boolean run(StatementRef statement, List<Value> parameters) throws SQLException {
        checkOpen();
        closeCurrent();
        generatedKeys = null;
        updateCount = -1;
        WireClient client = connection.client();
        PendingRequest p = client.send(new Execute(statement, parameters, fetchSize, maxRows, timeoutMillis()));
        runningRequestId = p.requestId();
        try {
            ServerMessage m = p.next(answerWaitMillis(client));
            if (m instanceof ResultHeader h) {
                ServerMessage first = p.next(answerWaitMillis(client));
                if (first instanceof ErrorReply e) throw SqlErrors.fromReply(e, queryTimeoutSeconds > 0);
                if (!(first instanceof RowBatch b)) throw unexpected(first);
                current = new ShardResultSet(this, new CursorRowSource(client, h.cursorId(), h.columns(), b, fetchSize),
                        maxRows, fetchSize);
                return true;
            }
            updateCount = updateCountOf(m);
            return false;
        } finally {
            runningRequestId = 0;
        }
    }

    private long updateCountOf(ServerMessage m) throws SQLException {
        if (m instanceof UpdateCount c) return c.count();
        if (m instanceof Done) return 0;
        if (m instanceof ErrorReply e) throw SqlErrors.fromReply(e, queryTimeoutSeconds > 0);
        throw unexpected(m);
    }

    static SQLException unexpected(ServerMessage m) {
        return SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, "protocol error: unexpected "
                + m.getClass().getSimpleName(), null);
    }

    int timeoutMillis() {
        return (int) Math.min((long) queryTimeoutSeconds * 1000, Integer.MAX_VALUE);
    }

    /**
     * How long to wait for the answer to a statement: the network timeout, stretched by the query
     * timeout (the server ends the statement with 57014 then, which must not look like a dead node).
     */
    int answerWaitMillis(WireClient client) {
        int network = client.networkTimeoutMillis();
        if (network == 0 || queryTimeoutSeconds == 0) return network;
        return (int) Math.min((long) network + timeoutMillis(), Integer.MAX_VALUE);
    }

    /** Called by the connection's {@code cancel} path: the request to cancel, or 0 when nothing runs. */
    int runningRequestId() {
        return runningRequestId;
    }

    void setRunningRequestId(int id) {
        runningRequestId = id;
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        return run(StatementRef.sql(checkSql(sql)), List.of());
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        if (!execute(sql)) throw SqlErrors.of("02000", 0, "the statement returned no result set", null);
        return current;
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        return toInt(executeLargeUpdate(sql));
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        if (execute(sql)) throw rowsFromUpdate();
        return updateCount;
    }

    SQLException rowsFromUpdate() throws SQLException {
        closeCurrent();
        return SqlErrors.general("the statement returned a result set; use executeQuery or execute");
    }

    static int toInt(long count) {
        return count > Integer.MAX_VALUE ? Statement.SUCCESS_NO_INFO : (int) count;
    }

    static String checkSql(String sql) throws SQLException {
        if (sql == null || sql.isBlank()) throw SqlErrors.general("no SQL given");
        return sql;
    }

    // ---- generated keys: the driver adds RETURNING (GeneratedKeys) and keeps the rows

    /**
     * Runs {@code statement}, whose SQL {@code keys} rewrote to return rows: they become the generated
     * keys, their number the update count.
     */
    final boolean runForKeys(StatementRef statement, List<Value> parameters, GeneratedKeys keys)
            throws SQLException {
        if (!run(statement, parameters)) return false;
        ShardResultSet returned = current;
        current = null;
        List<io.shardsql.protocol.value.Row> rows = new ArrayList<>();
        List<io.shardsql.protocol.message.ColumnMetadata> columns = keys.columns(returned.columns());
        for (io.shardsql.protocol.value.Row r : returned.drain()) rows.add(keys.row(r));
        generatedKeys = ShardResultSet.ofRows(this, columns, rows);
        updateCount = rows.size();
        return false;
    }

    private boolean executeForKeys(String sql, GeneratedKeys keys) throws SQLException {
        if (keys == null || !GeneratedKeys.applies(checkSql(sql))) return execute(sql);
        return runForKeys(StatementRef.sql(keys.rewrite(sql)), List.of(), keys);
    }

    @Override
    public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
        return executeForKeys(sql, GeneratedKeys.ofFlag(autoGeneratedKeys));
    }

    @Override
    public boolean execute(String sql, int[] columnIndexes) throws SQLException {
        return executeForKeys(sql, GeneratedKeys.ofIndexes(columnIndexes));
    }

    @Override
    public boolean execute(String sql, String[] columnNames) throws SQLException {
        return executeForKeys(sql, GeneratedKeys.ofNames(columnNames));
    }

    @Override
    public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        return toInt(executeLargeUpdate(sql, autoGeneratedKeys));
    }

    @Override
    public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
        return toInt(executeLargeUpdate(sql, columnIndexes));
    }

    @Override
    public int executeUpdate(String sql, String[] columnNames) throws SQLException {
        return toInt(executeLargeUpdate(sql, columnNames));
    }

    @Override
    public long executeLargeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
        if (execute(sql, autoGeneratedKeys)) throw rowsFromUpdate();
        return updateCount;
    }

    @Override
    public long executeLargeUpdate(String sql, int[] columnIndexes) throws SQLException {
        if (execute(sql, columnIndexes)) throw rowsFromUpdate();
        return updateCount;
    }

    @Override
    public long executeLargeUpdate(String sql, String[] columnNames) throws SQLException {
        if (execute(sql, columnNames)) throw rowsFromUpdate();
        return updateCount;
    }

    /** The keys of the last statement run with generated keys (empty otherwise). */
    @Override
    public ResultSet getGeneratedKeys() throws SQLException {
        checkOpen();
        return generatedKeys != null ? generatedKeys : ShardResultSet.ofRows(this, List.of(), List.of());
    }

    /** Adds {@code rows} to the generated keys (a batch run for keys collects every set's). */
    final void appendGeneratedKeys(List<io.shardsql.protocol.message.ColumnMetadata> columns,
                                   List<io.shardsql.protocol.value.Row> rows) {
        generatedKeys = ShardResultSet.ofRows(this, columns, rows);
    }

    // ---- batches of SQL text: pipelined

    @Override
    public void addBatch(String sql) throws SQLException {
        checkOpen();
        sqlBatch.add(checkSql(sql));
    }

    @Override
    public final void clearBatch() throws SQLException {
        checkOpen();
        batch().clear();
    }

    @Override
    public final int[] executeBatch() throws SQLException {
        return Batch.toInts(executeLargeBatch());
    }

    @Override
    public final long[] executeLargeBatch() throws SQLException {
        checkOpen();
        closeCurrent();
        return runBatch();
    }

    /** The batch {@code addBatch} fills: SQL texts here, parameter sets in a prepared statement. */
    Batch<?> batch() {
        return sqlBatch;
    }

    /**
     * Runs and empties the batch (the statement is open, no result set is left): one {@code Execute} per
     * statement, all sent before the first answer is read; a failed statement counts
     * {@link Statement#EXECUTE_FAILED} and the others still run.
     */
    long[] runBatch() throws SQLException {
        List<String> sqls = sqlBatch.drain();
        WireClient client = connection.client();
        List<PendingRequest> sent = new ArrayList<>();
        for (String sql : sqls) {
            sent.add(client.send(new Execute(StatementRef.sql(sql), List.of(), 1, 0, timeoutMillis())));
        }
        long[] counts = new long[sqls.size()];
        SQLException first = null;
        for (int i = 0; i < sent.size(); i++) {
            PendingRequest p = sent.get(i);
            runningRequestId = p.requestId();
            try {
                counts[i] = batchCount(client, p);
            } catch (SQLException e) {
                if (SqlErrors.CONNECTION_FAILURE.equals(e.getSQLState())) throw e;
                counts[i] = Statement.EXECUTE_FAILED;
                if (first == null) first = e;
            } finally {
                runningRequestId = 0;
            }
        }
        if (first != null) throw Batch.failure(first, counts);
        return counts;
    }

    /** The count of one pipelined statement; a query in a batch is an error (its cursor is closed). */
    private long batchCount(WireClient client, PendingRequest p) throws SQLException {
        ServerMessage m = p.next(answerWaitMillis(client));
        if (m instanceof ResultHeader h) {
            ServerMessage b = p.next();
            if (b instanceof RowBatch rows && !rows.last()) client.call(new CloseCursor(h.cursorId()));
            throw SqlErrors.general("a statement in a batch returned a result set");
        }
        return updateCountOf(m);
    }

    // ---- results

    @Override
    public ResultSet getResultSet() throws SQLException {
        checkOpen();
        return current;
    }

    @Override
    public int getUpdateCount() throws SQLException {
        return toInt(getLargeUpdateCount());
    }

    @Override
    public long getLargeUpdateCount() throws SQLException {
        checkOpen();
        return current != null ? -1 : updateCount;
    }

    @Override
    public boolean getMoreResults() throws SQLException {
        return getMoreResults(Statement.CLOSE_CURRENT_RESULT);
    }

    @Override
    public boolean getMoreResults(int current) throws SQLException {
        checkOpen();
        closeCurrent();
        updateCount = -1;
        return false;
    }

    void closeCurrent() throws SQLException {
        ShardResultSet rs = current;
        current = null;
        if (rs != null) rs.close();
    }

    /** A result set of this statement was closed. */
    void resultClosed(ShardResultSet rs) throws SQLException {
        if (rs == current) current = null;
        if (closeOnCompletion && current == null && !closed) close();
    }

    // ---- settings

    @Override public int getMaxFieldSize() throws SQLException { checkOpen(); return maxFieldSize; }

    @Override
    public void setMaxFieldSize(int max) throws SQLException {
        checkOpen();
        if (max < 0) throw SqlErrors.general("max field size must not be negative");
        maxFieldSize = max; // accepted and reported; values are not truncated
    }

    @Override
    public int getMaxRows() throws SQLException {
        return (int) Math.min(getLargeMaxRows(), Integer.MAX_VALUE);
    }

    @Override public void setMaxRows(int max) throws SQLException { setLargeMaxRows(max); }
    @Override public long getLargeMaxRows() throws SQLException { checkOpen(); return maxRows; }

    @Override
    public void setLargeMaxRows(long max) throws SQLException {
        checkOpen();
        if (max < 0) throw SqlErrors.general("max rows must not be negative: " + max);
        maxRows = max;
    }

    @Override public void setEscapeProcessing(boolean enable) throws SQLException { checkOpen(); }
    @Override public int getQueryTimeout() throws SQLException { checkOpen(); return queryTimeoutSeconds; }

    @Override
    public void setQueryTimeout(int seconds) throws SQLException {
        checkOpen();
        if (seconds < 0) throw SqlErrors.general("query timeout must not be negative: " + seconds);
        queryTimeoutSeconds = seconds;
    }

    @Override
    public void cancel() throws SQLException {
        checkOpen();
        int id = runningRequestId;
        if (id != 0) connection.cancelRequest(id);
    }

    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }

    @Override
    public void setCursorName(String name) throws SQLException {
        throw SqlErrors.unsupported("named cursors");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlErrors.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override public int getFetchDirection() throws SQLException { checkOpen(); return ResultSet.FETCH_FORWARD; }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) throw SqlErrors.general("fetch size must not be negative: " + rows);
        fetchSize = rows;
    }

    @Override public int getFetchSize() throws SQLException { checkOpen(); return fetchSize; }

    @Override
    public int getResultSetConcurrency() throws SQLException {
        checkOpen();
        return ResultSet.CONCUR_READ_ONLY;
    }

    @Override public int getResultSetType() throws SQLException { checkOpen(); return ResultSet.TYPE_FORWARD_ONLY; }

    @Override
    public int getResultSetHoldability() throws SQLException {
        checkOpen();
        return ResultSet.CLOSE_CURSORS_AT_COMMIT;
    }

    @Override public Connection getConnection() throws SQLException { checkOpen(); return connection; }
    @Override public void setPoolable(boolean poolable) throws SQLException { checkOpen(); this.poolable = poolable; }
    @Override public boolean isPoolable() throws SQLException { checkOpen(); return poolable; }
    @Override public void closeOnCompletion() throws SQLException { checkOpen(); closeOnCompletion = true; }
    @Override public boolean isCloseOnCompletion() throws SQLException { checkOpen(); return closeOnCompletion; }

    // ---- life cycle

    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        try {
            ShardResultSet rs = current;
            current = null;
            if (rs != null && !connection.isBroken()) rs.close();
            release();
        } finally {
            connection.statementClosed(this);
        }
    }

    /** What a subclass frees on the server when closed (a prepared statement). */
    void release() throws SQLException {}

    /** Marks the statement closed without talking to the server (the connection is closing). */
    void closeLocally() {
        closed = true;
        current = null;
    }

    @Override public boolean isClosed() { return closed; }

    void checkOpen() throws SQLException {
        if (closed) throw SqlErrors.closed("the statement");
        connection.checkOpen();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
