package io.shardsql.jdbc;

import io.shardsql.jdbc.error.SqlErrors;
import io.shardsql.jdbc.net.WireClient;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.ServerMessage;
import io.shardsql.protocol.value.Row;

import java.sql.SQLException;
import java.util.List;

/**
 * A query result streamed from a server cursor: it holds one {@link RowBatch} at a time and asks for
 * the next with {@code Fetch(cursor, fetch size)} when the batch is used up and was not the last.
 * Closing before the end sends {@code CloseCursor}.
 */
final class CursorRowSource implements RowSource {
    private final WireClient client;
    private final long cursorId;
    private final List<ColumnMetadata> columns;
    private List<Row> batch;
    private int index;
    private boolean last;
    private boolean closed;
    private int fetchSize;

    CursorRowSource(WireClient client, long cursorId, List<ColumnMetadata> columns, RowBatch first, int fetchSize) {
        this.client = client;
        this.cursorId = cursorId;
        this.columns = columns;
        this.batch = first.rows();
        this.last = first.last();
        this.fetchSize = fetchSize;
    }

    @Override
    public List<ColumnMetadata> columns() {
        return columns;
    }

    @Override
    public void setFetchSize(int rows) {
        this.fetchSize = rows;
    }

    @Override
    public Row next() throws SQLException {
        while (index >= batch.size()) {
            if (last || closed) return null;
            ServerMessage m = client.call(new Fetch(cursorId, fetchSize));
            if (m instanceof ErrorReply e) {
                last = true; // the server ends a cursor that failed
                throw SqlErrors.fromReply(e, false);
            }
            if (!(m instanceof RowBatch b)) {
                throw SqlErrors.of(SqlErrors.PROTOCOL_VIOLATION, 0, "expected RowBatch, got " + m, null);
            }
            batch = b.rows();
            index = 0;
            last = b.last();
        }
        return batch.get(index++);
    }

    @Override
    public void close() throws SQLException {
        if (closed) return;
        closed = true;
        batch = List.of();
        if (last || client.isBroken()) return;
        last = true;
        ServerMessage m = client.call(new CloseCursor(cursorId));
        if (m instanceof ErrorReply e) throw SqlErrors.fromReply(e, false);
    }
}
