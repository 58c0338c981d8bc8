package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.meta.TypeMapping;
import io.shardsql.protocol.message.ColumnMetadata;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * {@link ResultSetMetaData} from the server's {@link ColumnMetadata}. ShardSQL results do not name the
 * table or schema a column came from (empty strings, as JDBC allows); every column is searchable,
 * read-only, and case-sensitive when it holds text.
 */
final class ShardResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnMetadata> columns;

    ShardResultSetMetaData(List<ColumnMetadata> columns) {
        this.columns = List.copyOf(columns);
    }

    private ColumnMetadata column(int c) throws SQLException {
        if (c < 1 || c > columns.size()) {
            throw new SQLException("column index " + c + " out of range 1.." + columns.size(),
                    SqlErrors.INVALID_COLUMN);
        }
        return columns.get(c - 1);
    }

    @Override public int getColumnCount() { return columns.size(); }
    @Override public boolean isAutoIncrement(int c) throws SQLException { column(c); return false; }

    @Override
    public boolean isCaseSensitive(int c) throws SQLException {
        return TypeMapping.isText(column(c).jdbcType());
    }

    @Override public boolean isSearchable(int c) throws SQLException { column(c); return true; }
    @Override public boolean isCurrency(int c) throws SQLException { column(c); return false; }
    @Override public int isNullable(int c) throws SQLException { return column(c).nullable(); }
    @Override public boolean isSigned(int c) throws SQLException { return TypeMapping.isSigned(column(c).jdbcType()); }
    @Override public int getColumnDisplaySize(int c) throws SQLException { return TypeMapping.displaySize(column(c)); }
    @Override public String getColumnLabel(int c) throws SQLException { return column(c).name(); }
    @Override public String getColumnName(int c) throws SQLException { return column(c).name(); }
    @Override public String getSchemaName(int c) throws SQLException { column(c); return ""; }
    @Override public int getPrecision(int c) throws SQLException { return column(c).precision(); }
    @Override public int getScale(int c) throws SQLException { return column(c).scale(); }
    @Override public String getTableName(int c) throws SQLException { column(c); return ""; }
    @Override public String getCatalogName(int c) throws SQLException { column(c); return ""; }
    @Override public int getColumnType(int c) throws SQLException { return column(c).jdbcType(); }
    @Override public String getColumnTypeName(int c) throws SQLException { return column(c).typeName(); }
    @Override public boolean isReadOnly(int c) throws SQLException { column(c); return true; }
    @Override public boolean isWritable(int c) throws SQLException { column(c); return false; }
    @Override public boolean isDefinitelyWritable(int c) throws SQLException { column(c); return false; }

    @Override
    public String getColumnClassName(int c) throws SQLException {
        return TypeMapping.javaClassName(column(c).jdbcType());
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) return iface.cast(this);
        throw SqlErrors.general("not a wrapper for " + iface.getName());
    }

    @Override public boolean isWrapperFor(Class<?> iface) { return iface.isInstance(this); }
}
