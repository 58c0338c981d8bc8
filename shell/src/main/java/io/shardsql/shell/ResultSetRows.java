package io.shardsql.shell;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ResultSet} as {@link Rows}: each value is read with the getter its JDBC type calls for (integers as
 * {@code Long}, decimals as {@code BigDecimal}, binary as {@code byte[]}, dates, times and the rest as the
 * driver's text), so every driver's values print the same way.
 */
final class ResultSetRows implements Rows {
    private final ResultSet rs;
    private final int[] indexes;
    private final int[] types;
    private final List<Column> columns;

    /** All columns of {@code rs}. */
    public ResultSetRows(ResultSet rs) throws SQLException {
        this(rs, allColumns(rs.getMetaData().getColumnCount()));
    }

    /** Only the given columns of {@code rs} (1-based JDBC indexes), in that order. */
    public ResultSetRows(ResultSet rs, int... jdbcIndexes) throws SQLException {
        this.rs = rs;
        this.indexes = jdbcIndexes.clone();
        this.types = new int[indexes.length];
        ResultSetMetaData md = rs.getMetaData();
        List<Column> cols = new ArrayList<>(indexes.length);
        for (int i = 0; i < indexes.length; i++) {
            types[i] = md.getColumnType(indexes[i]);
            cols.add(new Column(md.getColumnLabel(indexes[i]), isNumeric(types[i])));
        }
        this.columns = List.copyOf(cols);
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public boolean next() throws SQLException {
        return rs.next();
    }

    @Override
    public Object value(int index) throws SQLException {
        int col = indexes[index];
        Object v = switch (types[index]) {
            case Types.BOOLEAN, Types.BIT -> rs.getBoolean(col);
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> rs.getLong(col);
            case Types.DECIMAL, Types.NUMERIC -> rs.getBigDecimal(col);
            case Types.REAL -> rs.getFloat(col);
            case Types.FLOAT, Types.DOUBLE -> rs.getDouble(col);
            case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> rs.getBytes(col);
            default -> rs.getString(col);
        };
        return rs.wasNull() ? null : v;
    }

    static boolean isNumeric(int jdbcType) {
        return switch (jdbcType) {
            case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.DECIMAL, Types.NUMERIC,
                 Types.REAL, Types.FLOAT, Types.DOUBLE -> true;
            default -> false;
        };
    }

    private static int[] allColumns(int count) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) all[i] = i + 1;
        return all;
    }
}
