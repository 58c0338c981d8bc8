package io.shardsql.jdbc;

import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.value.Row;

import java.sql.SQLException;
import java.util.List;

/**
 * Where a {@link ShardResultSet} gets its rows: a server cursor ({@link CursorRowSource}) or a list
 * ({@link ListRowSource}).
 */
interface RowSource {
    List<ColumnMetadata> columns();

    /** The next row, or null after the last one. */
    Row next() throws SQLException;

    /** Rows per batch for later fetches (0: the cursor's own). */
    default void setFetchSize(int rows) {}

    /** Releases the rows not read (closes the server cursor if it is still open). Idempotent. */
    void close() throws SQLException;
}
