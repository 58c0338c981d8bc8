package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.value.ValueConversions;
import io.shardsql.jdbc.value.ZonedTimestamps;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;
import io.shardsql.protocol.value.Value;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A forward-only, read-only result over a {@link RowSource}: a streamed server cursor (at most one
 * batch in memory) or a list of rows built by the driver. Getters convert with {@link ValueConversions};
 * column labels are found case-insensitively (the first column of a name wins). Closing it before the
 * end closes the server cursor; {@code maxRows} (if set) ends it early.
 */
final class ShardResultSet extends ReadOnlyResultSet {
    private final ShardStatement statement;
    private final RowSource source;
    private final List<ColumnMetadata> columns;
    private final long maxRows;
    private Map<String, Integer> labels;
    private Row row;
    private long rowNumber;
    private boolean afterLast;
    private boolean closed;
    private boolean wasNull;
    private int fetchSize;

    ShardResultSet(ShardStatement statement, RowSource source, long maxRows, int fetchSize) {
        this.statement = statement;
        this.source = source;
        this.columns = source.columns();
        this.maxRows = maxRows;
        this.fetchSize = fetchSize;
    }

    /** A result of rows the driver built (metadata); no statement behind it. */
    static ShardResultSet ofRows(Statement statement, List<ColumnMetadata> columns, List<Row> rows) {
        return new ShardResultSet(statement instanceof ShardStatement s ? s : null,
                new ListRowSource(columns, rows), 0, 0);
    }

    List<ColumnMetadata> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) return false;
        Row r = maxRows > 0 && rowNumber >= maxRows ? null : source.next();
        if (r == null) {
            row = null;
            afterLast = true;
            source.close();
            return false;
        }
        row = r;
        rowNumber++;
        return true;
    }

    /** Reads every row left (the generated keys of a statement) and closes the result. */
    List<Row> drain() throws SQLException {
        List<Row> rows = new java.util.ArrayList<>();
        try {
            for (Row r = source.next(); r != null; r = source.next()) rows.add(r);
        } finally {
            close();
        }
        return rows;
    }

    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        row = null;
        try {
            source.close();
        } finally {
            if (statement != null) statement.resultClosed(this);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    private Value value(int column) throws SQLException {
        checkOpen();
        if (row == null) {
            throw SqlErrors.general(afterLast ? "the result set has no more rows" : "call next() before reading a row");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("column index " + column + " out of range 1.." + columns.size(),
                    SqlErrors.INVALID_COLUMN);
        }
        Value v = row.get(column - 1);
        wasNull = v.isNull();
        return v;
    }

    /** Whether column {@code c} is a TIMESTAMP WITH TIME ZONE (its values are instants). */
    private boolean zoned(int c) {
        return c >= 1 && c <= columns.size() && columns.get(c - 1).jdbcType() == java.sql.Types.TIMESTAMP_WITH_TIMEZONE;
    }

    private void checkOpen() throws SQLException {
        if (closed) throw SqlErrors.closed("the result set");
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        if (labels == null) {
            labels = new HashMap<>();
            for (int i = columns.size() - 1; i >= 0; i--) {
                labels.put(columns.get(i).name().toLowerCase(Locale.ROOT), i + 1);
            }
        }
        Integer i = label == null ? null : labels.get(label.toLowerCase(Locale.ROOT));
        if (i == null) throw new SQLException("the result has no column " + label, SqlErrors.INVALID_COLUMN);
        return i;
    }

    // ---- getters by index

    @Override
    public String getString(int c) throws SQLException {
        return zoned(c) ? ZonedTimestamps.toText(value(c)) : ValueConversions.toStringValue(value(c));
    }
    @Override public boolean getBoolean(int c) throws SQLException { return ValueConversions.toBoolean(value(c)); }
    @Override public byte getByte(int c) throws SQLException { return ValueConversions.toByte(value(c)); }
    @Override public short getShort(int c) throws SQLException { return ValueConversions.toShort(value(c)); }
    @Override public int getInt(int c) throws SQLException { return ValueConversions.toInt(value(c)); }
    @Override public long getLong(int c) throws SQLException { return ValueConversions.toLong(value(c)); }
    @Override public float getFloat(int c) throws SQLException { return ValueConversions.toFloat(value(c)); }
    @Override public double getDouble(int c) throws SQLException { return ValueConversions.toDouble(value(c)); }

    @Override
    public BigDecimal getBigDecimal(int c) throws SQLException {
        return ValueConversions.toBigDecimal(value(c));
    }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(int c, int scale) throws SQLException {
        return ValueConversions.toBigDecimal(value(c), scale);
    }

    @Override public byte[] getBytes(int c) throws SQLException { return ValueConversions.toBytes(value(c)); }
    @Override public Date getDate(int c) throws SQLException { return ValueConversions.toSqlDate(value(c), null); }
    @Override public Time getTime(int c) throws SQLException { return ValueConversions.toSqlTime(value(c), null); }

    @Override
    public Timestamp getTimestamp(int c) throws SQLException {
        if (zoned(c)) return ZonedTimestamps.toTimestamp(value(c));
        return ValueConversions.toTimestamp(value(c), null);
    }

    @Override
    public Date getDate(int c, Calendar cal) throws SQLException {
        return ValueConversions.toSqlDate(value(c), cal);
    }

    @Override
    public Time getTime(int c, Calendar cal) throws SQLException {
        return ValueConversions.toSqlTime(value(c), cal);
    }

    @Override
    public Timestamp getTimestamp(int c, Calendar cal) throws SQLException {
        if (zoned(c)) return ZonedTimestamps.toTimestamp(value(c)); // an instant: no calendar changes it
        return ValueConversions.toTimestamp(value(c), cal);
    }

    @Override
    public Object getObject(int c) throws SQLException {
        return zoned(c) ? ZonedTimestamps.toTimestamp(value(c)) : ValueConversions.toObject(value(c));
    }

    @Override
    public <T> T getObject(int c, Class<T> type) throws SQLException {
        if (zoned(c) && (type == Timestamp.class || type == java.util.Date.class)) {
            return type.cast(ZonedTimestamps.toTimestamp(value(c)));
        }
        if (zoned(c) && type == String.class) return type.cast(ZonedTimestamps.toText(value(c)));
        return ValueConversions.toObject(value(c), type);
    }

    @Override public String getNString(int c) throws SQLException { return getString(c); }

    @Override
    public InputStream getAsciiStream(int c) throws SQLException {
        String s = getString(c);
        return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(int c) throws SQLException {
        throw SqlErrors.unsupported("getUnicodeStream");
    }

    @Override
    public InputStream getBinaryStream(int c) throws SQLException {
        byte[] b = getBytes(c);
        return b == null ? null : new ByteArrayInputStream(b);
    }

    @Override
    public Reader getCharacterStream(int c) throws SQLException {
        String s = getString(c);
        return s == null ? null : new StringReader(s);
    }

    @Override public Reader getNCharacterStream(int c) throws SQLException { return getCharacterStream(c); }

    @Override
    public URL getURL(int c) throws SQLException {
        String s = getString(c);
        try {
            return s == null ? null : URI.create(s).toURL();
        } catch (IllegalArgumentException | MalformedURLException e) {
            throw SqlErrors.conversion(s, "URL");
        }
    }

    @Override
    public Object getObject(int c, Map<String, Class<?>> map) throws SQLException {
        if (map != null && !map.isEmpty()) throw SqlErrors.unsupported("getObject with a type map");
        return getObject(c);
    }

    @Override public Ref getRef(int c) throws SQLException { throw SqlErrors.unsupported("REF values"); }
    @Override public Blob getBlob(int c) throws SQLException { throw SqlErrors.unsupported("getBlob (use getBytes)"); }
    @Override public Clob getClob(int c) throws SQLException { throw SqlErrors.unsupported("getClob (use getString)"); }
    @Override public Array getArray(int c) throws SQLException { throw SqlErrors.unsupported("ARRAY values"); }
    @Override public RowId getRowId(int c) throws SQLException { throw SqlErrors.unsupported("ROWID values"); }

    @Override
    public NClob getNClob(int c) throws SQLException {
        throw SqlErrors.unsupported("getNClob (use getString)");
    }

    @Override public SQLXML getSQLXML(int c) throws SQLException { throw SqlErrors.unsupported("SQLXML values"); }

    // ---- getters by label

    @Override public String getString(String l) throws SQLException { return getString(findColumn(l)); }
    @Override public boolean getBoolean(String l) throws SQLException { return getBoolean(findColumn(l)); }
    @Override public byte getByte(String l) throws SQLException { return getByte(findColumn(l)); }
    @Override public short getShort(String l) throws SQLException { return getShort(findColumn(l)); }
    @Override public int getInt(String l) throws SQLException { return getInt(findColumn(l)); }
    @Override public long getLong(String l) throws SQLException { return getLong(findColumn(l)); }
    @Override public float getFloat(String l) throws SQLException { return getFloat(findColumn(l)); }
    @Override public double getDouble(String l) throws SQLException { return getDouble(findColumn(l)); }

    @Deprecated
    @Override
    public BigDecimal getBigDecimal(String l, int scale) throws SQLException {
        return getBigDecimal(findColumn(l), scale);
    }

    @Override public BigDecimal getBigDecimal(String l) throws SQLException { return getBigDecimal(findColumn(l)); }
    @Override public byte[] getBytes(String l) throws SQLException { return getBytes(findColumn(l)); }
    @Override public Date getDate(String l) throws SQLException { return getDate(findColumn(l)); }
    @Override public Time getTime(String l) throws SQLException { return getTime(findColumn(l)); }
    @Override public Timestamp getTimestamp(String l) throws SQLException { return getTimestamp(findColumn(l)); }
    @Override public Date getDate(String l, Calendar cal) throws SQLException { return getDate(findColumn(l), cal); }
    @Override public Time getTime(String l, Calendar cal) throws SQLException { return getTime(findColumn(l), cal); }

    @Override
    public Timestamp getTimestamp(String l, Calendar cal) throws SQLException {
        return getTimestamp(findColumn(l), cal);
    }

    @Override public InputStream getAsciiStream(String l) throws SQLException { return getAsciiStream(findColumn(l)); }

    @Deprecated
    @Override
    public InputStream getUnicodeStream(String l) throws SQLException {
        return getUnicodeStream(findColumn(l));
    }

    @Override
    public InputStream getBinaryStream(String l) throws SQLException {
        return getBinaryStream(findColumn(l));
    }

    @Override
    public Reader getCharacterStream(String l) throws SQLException {
        return getCharacterStream(findColumn(l));
    }

    @Override
    public Reader getNCharacterStream(String l) throws SQLException {
        return getNCharacterStream(findColumn(l));
    }

    @Override public String getNString(String l) throws SQLException { return getNString(findColumn(l)); }
    @Override public Object getObject(String l) throws SQLException { return getObject(findColumn(l)); }

    @Override
    public <T> T getObject(String l, Class<T> type) throws SQLException {
        return getObject(findColumn(l), type);
    }

    @Override
    public Object getObject(String l, Map<String, Class<?>> map) throws SQLException {
        return getObject(findColumn(l), map);
    }

    @Override public URL getURL(String l) throws SQLException { return getURL(findColumn(l)); }
    @Override public Ref getRef(String l) throws SQLException { return getRef(findColumn(l)); }
    @Override public Blob getBlob(String l) throws SQLException { return getBlob(findColumn(l)); }
    @Override public Clob getClob(String l) throws SQLException { return getClob(findColumn(l)); }
    @Override public Array getArray(String l) throws SQLException { return getArray(findColumn(l)); }
    @Override public RowId getRowId(String l) throws SQLException { return getRowId(findColumn(l)); }
    @Override public NClob getNClob(String l) throws SQLException { return getNClob(findColumn(l)); }
    @Override public SQLXML getSQLXML(String l) throws SQLException { return getSQLXML(findColumn(l)); }

    // ---- cursor position (forward only)

    @Override public boolean isBeforeFirst() throws SQLException { checkOpen(); return rowNumber == 0 && !afterLast; }
    @Override public boolean isAfterLast() throws SQLException { checkOpen(); return afterLast && rowNumber > 0; }
    @Override public boolean isFirst() throws SQLException { checkOpen(); return rowNumber == 1 && row != null; }

    @Override
    public boolean isLast() throws SQLException {
        throw SqlErrors.unsupported("isLast on a streamed result");
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return row == null ? 0 : (int) Math.min(rowNumber, Integer.MAX_VALUE);
    }

    @Override public void beforeFirst() throws SQLException { throw forwardOnly(); }
    @Override public void afterLast() throws SQLException { throw forwardOnly(); }
    @Override public boolean first() throws SQLException { throw forwardOnly(); }
    @Override public boolean last() throws SQLException { throw forwardOnly(); }
    @Override public boolean absolute(int r) throws SQLException { throw forwardOnly(); }
    @Override public boolean relative(int r) throws SQLException { throw forwardOnly(); }
    @Override public boolean previous() throws SQLException { throw forwardOnly(); }

    private static SQLException forwardOnly() {
        return SqlErrors.unsupported("moving a forward-only result set backwards or to a position");
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != ResultSet.FETCH_FORWARD) {
            throw SqlErrors.unsupported("fetch directions other than FETCH_FORWARD");
        }
    }

    @Override public int getFetchDirection() { return ResultSet.FETCH_FORWARD; }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) throw SqlErrors.general("fetch size must not be negative: " + rows);
        fetchSize = rows;
        source.setFetchSize(rows);
    }

    @Override public int getFetchSize() { return fetchSize; }
    @Override public int getType() { return ResultSet.TYPE_FORWARD_ONLY; }
    @Override public int getConcurrency() { return ResultSet.CONCUR_READ_ONLY; }
    @Override public int getHoldability() { return ResultSet.CLOSE_CURSORS_AT_COMMIT; }
    @Override public String getCursorName() throws SQLException { throw SqlErrors.unsupported("named cursors"); }
    @Override public SQLWarning getWarnings() throws SQLException { checkOpen(); return null; }
    @Override public void clearWarnings() throws SQLException { checkOpen(); }
    @Override public Statement getStatement() { return statement; }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new ShardResultSetMetaData(columns);
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
