package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.value.ParameterValues;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.value.Bytes;
import io.shardsql.protocol.value.Value;
import io.shardsql.jdbc.net.PendingRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;

/**
 * {@link PreparedStatement}: {@code Prepare} once (the server plans and returns the statement id and
 * metadata), then {@code Execute} by id with the bound parameters. {@code executeBatch} sends all
 * parameter sets in one {@code ExecuteBatch} round trip. Closing sends {@code CloseStatement}.
 */
final class ShardPreparedStatement extends ShardStatement implements PreparedStatement {
    private final String sql;
    private final Prepared prepared;
    private final Value[] parameters;
    private final boolean[] bound;
    private final Batch<List<Value>> batch = new Batch<>();
    private final GeneratedKeys keys; // null: no generated keys asked for, or the statement cannot have them

    private ShardPreparedStatement(ShardConnection connection, String sql, Prepared prepared, GeneratedKeys keys) {
        super(connection);
        this.sql = sql;
        this.keys = keys;
        this.prepared = prepared;
        this.parameters = new Value[prepared.parameters().size()];
        this.bound = new boolean[parameters.length];
        Arrays.fill(parameters, Value.NULL);
    }

    static ShardPreparedStatement prepare(ShardConnection connection, String sql) throws SQLException {
        return prepare(connection, sql, null);
    }

    /** A statement whose executions return {@code keys} ({@link GeneratedKeys}: its SQL gets a RETURNING). */
    static ShardPreparedStatement prepare(ShardConnection connection, String sql, GeneratedKeys keys)
            throws SQLException {
        GeneratedKeys asked = keys != null && GeneratedKeys.applies(checkSql(sql)) ? keys : null;
        String text = asked == null ? checkSql(sql) : asked.rewrite(sql);
        ServerMessage m = connection.client().call(new io.shardsql.protocol.message.Prepare(text));
        if (m instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
        if (!(m instanceof Prepared p)) throw unexpected(m);
        return new ShardPreparedStatement(connection, sql, p, asked);
    }

    String sql() {
        return sql;
    }

    private List<Value> boundParameters() throws SQLException {
        for (int i = 0; i < bound.length; i++) {
            if (!bound[i]) {
                throw SqlErrors.of("07001", 0, "parameter " + (i + 1) + " of " + bound.length + " is not set", null);
            }
        }
        return List.of(parameters);
    }

    @Override
    public boolean execute() throws SQLException {
        if (keys != null) return runForKeys(StatementRef.byId(prepared.statementId()), boundParameters(), keys);
        return run(StatementRef.byId(prepared.statementId()), boundParameters());
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!execute()) throw SqlErrors.of("02000", 0, "the statement returned no result set", null);
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return toInt(executeLargeUpdate());
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (execute()) throw rowsFromUpdate();
        return getLargeUpdateCount();
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(boundParameters());
    }

    @Override
    Batch<?> batch() {
        return batch;
    }

    /** One {@code ExecuteBatch}; if set k fails, the k counts before it and the error (BatchUpdateException). */
    @Override
    long[] runBatch() throws SQLException {
        List<List<Value>> sets = batch.drain();
        if (sets.isEmpty()) return new long[0];
        if (keys != null) return runBatchForKeys(sets);
        PendingRequest p = connection.client()
                .send(new ExecuteBatch(StatementRef.byId(prepared.statementId()), sets, timeoutMillis()));
        setRunningRequestId(p.requestId());
        try {
            ServerMessage m = p.next(answerWaitMillis(connection.client()));
            if (m instanceof ErrorReply e) {
                throw Batch.failure(SqlErrors.fromReply(e, getQueryTimeout() > 0), new long[0]);
            }
            if (!(m instanceof BatchResult r)) throw unexpected(m);
            long[] counts = r.counts().stream().mapToLong(Long::longValue).toArray();
            if (counts.length >= sets.size()) return counts;
            ServerMessage error = p.next(answerWaitMillis(connection.client()));
            SQLException cause = error instanceof ErrorReply e ? SqlErrors.fromReply(e, getQueryTimeout() > 0)
                    : unexpected(error);
            throw Batch.failure(cause, counts);
        } finally {
            setRunningRequestId(0);
        }
    }

    /**
     * A batch whose generated keys are asked for: each set runs on its own (its rows are the keys), and the
     * keys of all sets are kept, in order. If set k fails, the counts before it and the error.
     */
    private long[] runBatchForKeys(List<List<Value>> sets) throws SQLException {
        long[] counts = new long[sets.size()];
        List<io.shardsql.protocol.message.ColumnMetadata> columns = List.of();
        List<io.shardsql.protocol.value.Row> rows = new java.util.ArrayList<>();
        for (int k = 0; k < sets.size(); k++) {
            try {
                runForKeys(StatementRef.byId(prepared.statementId()), sets.get(k), keys);
                counts[k] = getLargeUpdateCount();
                ResultSet rs = getGeneratedKeys();
                ShardResultSet set = (ShardResultSet) rs;
                columns = set.columns();
                rows.addAll(set.drain());
            } catch (SQLException e) {
                appendGeneratedKeys(columns, rows);
                throw Batch.failure(e, Arrays.copyOf(counts, k));
            }
        }
        appendGeneratedKeys(columns, rows);
        return counts;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return prepared.columns().isEmpty() ? null : new ShardResultSetMetaData(prepared.columns());
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new ShardParameterMetaData(prepared.parameters());
    }

    @Override
    void release() throws SQLException {
        if (connection.isBroken()) return;
        ServerMessage m = connection.client().call(new CloseStatement(prepared.statementId()));
        if (m instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
    }

    // ---- SQL text is not accepted by a prepared statement (JDBC)

    private static SQLException textNotAllowed() {
        return SqlErrors.general("a PreparedStatement runs its own SQL; use a Statement for other SQL");
    }

    @Override public boolean execute(String sql) throws SQLException { throw textNotAllowed(); }
    @Override public ResultSet executeQuery(String sql) throws SQLException { throw textNotAllowed(); }
    @Override public int executeUpdate(String sql) throws SQLException { throw textNotAllowed(); }
    @Override public long executeLargeUpdate(String sql) throws SQLException { throw textNotAllowed(); }
    @Override public void addBatch(String sql) throws SQLException { throw textNotAllowed(); }

    // ---- binding

    private void set(int index, Value v) throws SQLException {
        checkOpen();
        if (index < 1 || index > parameters.length) {
            throw SqlErrors.of("07009", 0, "parameter index " + index + " out of range 1.." + parameters.length, null);
        }
        parameters[index - 1] = v;
        bound[index - 1] = true;
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(parameters, Value.NULL);
        Arrays.fill(bound, false);
    }

    @Override public void setNull(int i, int sqlType) throws SQLException { set(i, Value.NULL); }
    @Override public void setNull(int i, int sqlType, String typeName) throws SQLException { set(i, Value.NULL); }
    @Override public void setBoolean(int i, boolean x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setByte(int i, byte x) throws SQLException { set(i, Value.of((short) x)); }
    @Override public void setShort(int i, short x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setInt(int i, int x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setLong(int i, long x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setFloat(int i, float x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setDouble(int i, double x) throws SQLException { set(i, Value.of(x)); }
    @Override public void setBigDecimal(int i, BigDecimal x) throws SQLException { set(i, ParameterValues.decimal(x)); }

    @Override
    public void setString(int i, String x) throws SQLException {
        set(i, x == null ? Value.NULL : Value.of(x));
    }

    @Override public void setNString(int i, String x) throws SQLException { setString(i, x); }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        set(i, x == null ? Value.NULL : Value.of(x));
    }

    @Override public void setDate(int i, Date x) throws SQLException { set(i, ParameterValues.date(x, null)); }
    @Override public void setTime(int i, Time x) throws SQLException { set(i, ParameterValues.time(x, null)); }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        set(i, ParameterValues.timestamp(x, null));
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        set(i, ParameterValues.date(x, cal));
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        set(i, ParameterValues.time(x, cal));
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        set(i, ParameterValues.timestamp(x, cal));
    }

    @Override public void setObject(int i, Object x) throws SQLException { set(i, ParameterValues.of(x)); }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        set(i, ParameterValues.of(x, targetSqlType, 0));
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scale) throws SQLException {
        set(i, ParameterValues.of(x, targetSqlType, scale));
    }

    @Override public void setObject(int i, Object x, SQLType type) throws SQLException { setObject(i, x, type, 0); }

    @Override
    public void setObject(int i, Object x, SQLType type, int scale) throws SQLException {
        if (type == null || type.getVendorTypeNumber() == null) throw SqlErrors.unsupported("SQL type " + type);
        set(i, ParameterValues.of(x, type.getVendorTypeNumber(), scale));
    }

    @Override public void setURL(int i, URL x) throws SQLException { setString(i, x == null ? null : x.toString()); }

    // ---- streams are read whole: values are bounded by the frame size anyway

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        setAsciiStream(i, x, (long) length);
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        setString(i, x == null ? null : new String(read(x, length), StandardCharsets.US_ASCII));
    }

    @Override public void setAsciiStream(int i, InputStream x) throws SQLException { setAsciiStream(i, x, -1L); }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        setBinaryStream(i, x, (long) length);
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        set(i, x == null ? Value.NULL : Value.of(Bytes.wrap(read(x, length))));
    }

    @Override public void setBinaryStream(int i, InputStream x) throws SQLException { setBinaryStream(i, x, -1L); }

    @Override
    public void setCharacterStream(int i, Reader x, int length) throws SQLException {
        setCharacterStream(i, x, (long) length);
    }

    @Override
    public void setCharacterStream(int i, Reader x, long length) throws SQLException {
        setString(i, x == null ? null : read(x, length));
    }

    @Override public void setCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }

    @Override
    public void setNCharacterStream(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override public void setNCharacterStream(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }

    @Override
    public void setClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override public void setClob(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }

    @Override
    public void setNClob(int i, Reader x, long length) throws SQLException {
        setCharacterStream(i, x, length);
    }

    @Override public void setNClob(int i, Reader x) throws SQLException { setCharacterStream(i, x, -1L); }

    @Override
    public void setBlob(int i, InputStream x, long length) throws SQLException {
        setBinaryStream(i, x, length);
    }

    @Override public void setBlob(int i, InputStream x) throws SQLException { setBinaryStream(i, x, -1L); }

    @Override
    public void setBlob(int i, Blob x) throws SQLException {
        setBytes(i, x == null ? null : x.getBytes(1, (int) Math.min(x.length(), Integer.MAX_VALUE)));
    }

    @Override
    public void setClob(int i, Clob x) throws SQLException {
        setString(i, x == null ? null : x.getSubString(1, (int) Math.min(x.length(), Integer.MAX_VALUE)));
    }

    @Override public void setNClob(int i, NClob x) throws SQLException { setClob(i, x); }

    @Deprecated
    @Override
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        throw SqlErrors.unsupported("setUnicodeStream");
    }

    @Override public void setRef(int i, Ref x) throws SQLException { throw SqlErrors.unsupported("REF parameters"); }

    @Override
    public void setArray(int i, Array x) throws SQLException {
        throw SqlErrors.unsupported("ARRAY parameters");
    }

    @Override
    public void setRowId(int i, RowId x) throws SQLException {
        throw SqlErrors.unsupported("ROWID parameters");
    }

    @Override
    public void setSQLXML(int i, SQLXML x) throws SQLException {
        throw SqlErrors.unsupported("SQLXML parameters");
    }

    private static byte[] read(InputStream in, long length) throws SQLException {
        try {
            if (length < 0) return in.readAllBytes();
            return in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
        } catch (IOException e) {
            throw SqlErrors.of("22000", 0, "reading the parameter stream failed: " + e.getMessage(), e);
        }
    }

    private static String read(Reader in, long length) throws SQLException {
        try {
            StringWriter w = new StringWriter();
            char[] buf = new char[8192];
            long left = length < 0 ? Long.MAX_VALUE : length;
            for (int n; left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0; left -= n) {
                w.write(buf, 0, n);
            }
            return w.toString();
        } catch (IOException e) {
            throw SqlErrors.of("22000", 0, "reading the parameter stream failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ShardPreparedStatement[" + sql + "]";
    }
}
