package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.meta.ShardDatabaseMetaData;
import io.shardsql.jdbc.net.CancelRequest;
import io.shardsql.jdbc.net.DriverProperties;
import io.shardsql.jdbc.net.Session;
import io.shardsql.jdbc.net.WireClient;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Commit;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Goodbye;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.Rollback;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.protocol.message.SetReadOnly;

import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * A JDBC connection: one session on one node over one {@link WireClient}. Settings (autocommit,
 * read-only, isolation) are messages that the server acknowledges with Ok. Used by one thread at a time,
 * except {@link #abort}, {@link #close} and a statement's {@code cancel}, which may come from others.
 * After the connection broke (node died, protocol error, network timeout) every call fails with 08006,
 * so that pools replace it; after {@link #close} with 08003.
 */
final class ShardConnection implements Connection {
    private final String url;
    private final WireClient client;
    private final Session session;
    private final DriverProperties props;
    private final Set<ShardStatement> statements =
            Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
    private final Properties clientInfo = new Properties();
    private volatile boolean closed;
    private boolean autoCommit = true;
    private boolean readOnly;
    private int isolation;

    ShardConnection(String url, WireClient client, Session session, DriverProperties props) {
        this.url = url;
        this.client = client;
        this.session = session;
        this.props = props;
        this.isolation = session.isolation();
    }

    WireClient client() throws SQLException {
        checkOpen();
        return client;
    }

    Session session() {
        return session;
    }

    String url() {
        return url;
    }

    String user() {
        return props.user();
    }

    int defaultFetchSize() {
        return props.fetchSize();
    }

    boolean isBroken() {
        return client.isBroken();
    }

    void checkOpen() throws SQLException {
        if (closed) throw SqlErrors.of("08003", 0, "the connection is closed", null);
        client.checkUsable();
    }

    void statementClosed(ShardStatement s) {
        statements.remove(s);
    }

    /** Sends a request whose answer is Ok (or an error). */
    private void simple(ClientMessage m) throws SQLException {
        ServerMessage answer = client().call(m);
        if (answer instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
        if (!(answer instanceof Ok)) throw ShardStatement.unexpected(answer);
    }

    /** {@code Statement.cancel}: a Cancel for {@code requestId} on a second connection. */
    void cancelRequest(int requestId) throws SQLException {
        CancelRequest.send(session, props, requestId);
    }

    // ---- statements

    private <S extends ShardStatement> S track(S s) {
        statements.add(s);
        return s;
    }

    @Override
    public Statement createStatement() throws SQLException {
        checkOpen();
        return track(new ShardStatement(this));
    }

    @Override
    public Statement createStatement(int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return createStatement();
    }

    @Override
    public Statement createStatement(int type, int concurrency, int holdability) throws SQLException {
        checkResultSetKind(type, concurrency);
        return createStatement();
    }

    @Override
    public PreparedStatement prepareStatement(String sql) throws SQLException {
        checkOpen();
        return track(ShardPreparedStatement.prepare(this, sql));
    }

    private PreparedStatement prepareWithKeys(String sql, GeneratedKeys keys) throws SQLException {
        checkOpen();
        return track(ShardPreparedStatement.prepare(this, sql, keys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency) throws SQLException {
        checkResultSetKind(type, concurrency);
        return prepareStatement(sql);
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int type, int concurrency,
            int holdability) throws SQLException {
        checkResultSetKind(type, concurrency);
        return prepareStatement(sql);
    }

    /** Generated keys: the INSERT/UPDATE/DELETE gets a RETURNING ({@link GeneratedKeys}). */
    @Override
    public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.ofFlag(autoGeneratedKeys));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.ofIndexes(columnIndexes));
    }

    @Override
    public PreparedStatement prepareStatement(String sql, String[] columnNames) throws SQLException {
        return prepareWithKeys(sql, GeneratedKeys.ofNames(columnNames));
    }

    private void checkResultSetKind(int type, int concurrency) throws SQLException {
        checkOpen();
        if (type != ResultSet.TYPE_FORWARD_ONLY) throw SqlErrors.unsupported("scrollable result sets");
        if (concurrency != ResultSet.CONCUR_READ_ONLY) throw SqlErrors.unsupported("updatable result sets");
    }

    @Override
    public CallableStatement prepareCall(String sql) throws SQLException {
        throw SqlErrors.unsupported("stored procedures");
    }

    @Override
    public CallableStatement prepareCall(String sql, int t, int c) throws SQLException {
        throw SqlErrors.unsupported("stored procedures");
    }

    @Override
    public CallableStatement prepareCall(String sql, int t, int c, int h) throws SQLException {
        throw SqlErrors.unsupported("stored procedures");
    }

    @Override
    public String nativeSQL(String sql) throws SQLException {
        checkOpen();
        return sql;
    }

    // ---- transactions

    @Override
    public void setAutoCommit(boolean autoCommit) throws SQLException {
        checkOpen();
        if (autoCommit == this.autoCommit) return;
        simple(new SetAutoCommit(autoCommit));
        this.autoCommit = autoCommit;
    }

    @Override
    public boolean getAutoCommit() throws SQLException {
        checkOpen();
        return autoCommit;
    }

    @Override
    public void commit() throws SQLException {
        checkOpen();
        if (autoCommit) throw SqlErrors.of(SqlErrors.INVALID_TRANSACTION_STATE, 0, "commit in auto-commit mode", null);
        simple(new Commit());
    }

    @Override
    public void rollback() throws SQLException {
        checkOpen();
        if (autoCommit) {
            throw SqlErrors.of(SqlErrors.INVALID_TRANSACTION_STATE, 0, "rollback in auto-commit mode", null);
        }
        simple(new Rollback());
    }

    @Override
    public void setReadOnly(boolean readOnly) throws SQLException {
        checkOpen();
        if (readOnly == this.readOnly) return;
        simple(new SetReadOnly(readOnly));
        this.readOnly = readOnly;
    }

    @Override
    public boolean isReadOnly() throws SQLException {
        checkOpen();
        return readOnly;
    }

    /** The server runs the weakest supported level at least as strong as {@code level}; that level is reported. */
    @Override
    public void setTransactionIsolation(int level) throws SQLException {
        checkOpen();
        if (level != TRANSACTION_READ_UNCOMMITTED && level != TRANSACTION_READ_COMMITTED
                && level != TRANSACTION_REPEATABLE_READ && level != TRANSACTION_SERIALIZABLE) {
            throw SqlErrors.general("not a transaction isolation level: " + level);
        }
        int effective = effectiveIsolation(level, session.supportedIsolations());
        if (effective == 0) {
            throw SqlErrors.unsupported("isolation level " + level + " (supported: "
                    + session.supportedIsolations() + ")");
        }
        simple(new SetIsolation(level));
        isolation = effective;
    }

    /** The weakest level in {@code supported} (OR-ed constants) that is at least {@code level}, or 0. */
    static int effectiveIsolation(int level, int supported) {
        for (int l = level; l <= TRANSACTION_SERIALIZABLE && l > 0; l <<= 1) {
            if ((supported & l) != 0) return l;
        }
        return 0;
    }

    @Override
    public int getTransactionIsolation() throws SQLException {
        checkOpen();
        return isolation;
    }

    /** Whether the server runs {@code level} itself (not a stronger one in its place). */
    boolean supportsIsolation(int level) {
        return (session.supportedIsolations() & level) != 0;
    }

    @Override public int getHoldability() throws SQLException { checkOpen(); return ResultSet.CLOSE_CURSORS_AT_COMMIT; }

    @Override
    public void setHoldability(int holdability) throws SQLException {
        checkOpen();
        if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT) {
            throw SqlErrors.unsupported("holding cursors over commit");
        }
    }

    @Override public Savepoint setSavepoint() throws SQLException { throw SqlErrors.unsupported("savepoints"); }

    @Override
    public Savepoint setSavepoint(String name) throws SQLException {
        throw SqlErrors.unsupported("savepoints");
    }

    @Override
    public void rollback(Savepoint savepoint) throws SQLException {
        throw SqlErrors.unsupported("savepoints");
    }

    @Override
    public void releaseSavepoint(Savepoint savepoint) throws SQLException {
        throw SqlErrors.unsupported("savepoints");
    }

    // ---- health and life cycle

    @Override
    public boolean isValid(int timeoutSeconds) throws SQLException {
        if (timeoutSeconds < 0) throw SqlErrors.general("timeout must not be negative");
        if (closed || client.isBroken()) return false;
        try {
            ServerMessage m = client.send(new Ping()).next(timeoutSeconds * 1000);
            return m instanceof Pong;
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
        checkOpen();
        if (milliseconds < 0) throw SqlErrors.general("network timeout must not be negative");
        client.setNetworkTimeoutMillis(milliseconds);
    }

    @Override
    public int getNetworkTimeout() throws SQLException {
        checkOpen();
        return client.networkTimeoutMillis();
    }

    @Override
    public void abort(Executor executor) throws SQLException {
        if (executor == null) throw SqlErrors.general("abort needs an executor");
        if (closed) return;
        closed = true;
        closeStatementsLocally();
        executor.execute(client::close);
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        closeStatementsLocally();
        client.sendLastAndClose(new Goodbye());
    }

    private void closeStatementsLocally() {
        List<ShardStatement> open;
        synchronized (statements) {
            open = List.copyOf(statements);
            statements.clear();
        }
        open.forEach(ShardStatement::closeLocally);
    }

    /** Closed by the application, or unusable because the connection broke. */
    @Override
    public boolean isClosed() {
        return closed || client.isBroken();
    }

    // ---- metadata, catalog, client info

    @Override
    public DatabaseMetaData getMetaData() throws SQLException {
        checkOpen();
        return new ShardDatabaseMetaData(new ConnectionMetadata(this));
    }

    @Override public void setCatalog(String catalog) throws SQLException { checkOpen(); }
    @Override public String getCatalog() throws SQLException { checkOpen(); return null; }
    @Override public void setSchema(String schema) throws SQLException { checkOpen(); }
    @Override public String getSchema() throws SQLException { checkOpen(); return ShardDatabaseMetaData.USER_SCHEMA; }
    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }
    @Override public Map<String, Class<?>> getTypeMap() throws SQLException { checkOpen(); return Map.of(); }

    @Override
    public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
        checkOpen();
        if (map != null && !map.isEmpty()) throw SqlErrors.unsupported("type maps");
    }

    @Override
    public void setClientInfo(String name, String value) throws SQLClientInfoException {
        if (value == null) clientInfo.remove(name);
        else clientInfo.setProperty(name, value);
    }

    @Override
    public void setClientInfo(Properties properties) throws SQLClientInfoException {
        clientInfo.clear();
        if (properties != null) clientInfo.putAll(properties);
    }

    @Override
    public String getClientInfo(String name) throws SQLException {
        checkOpen();
        return clientInfo.getProperty(name);
    }

    @Override
    public Properties getClientInfo() throws SQLException {
        checkOpen();
        Properties p = new Properties();
        p.putAll(clientInfo);
        return p;
    }

    @Override public Clob createClob() throws SQLException { throw SqlErrors.unsupported("Clob (use strings)"); }
    @Override public Blob createBlob() throws SQLException { throw SqlErrors.unsupported("Blob (use byte arrays)"); }
    @Override public NClob createNClob() throws SQLException { throw SqlErrors.unsupported("NClob (use strings)"); }
    @Override public SQLXML createSQLXML() throws SQLException { throw SqlErrors.unsupported("SQLXML"); }

    @Override
    public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
        throw SqlErrors.unsupported("ARRAY");
    }

    @Override
    public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
        throw SqlErrors.unsupported("STRUCT");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }

    @Override
    public String toString() {
        return "ShardConnection[" + session.host() + ", session " + session.sessionId() + "]";
    }
}
