package io.shardsql.server.endpoint;

import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.value.Row;
import io.shardsql.sql.exec.ResultColumn;
import io.shardsql.sql.exec.RowCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * A query's result while the client reads it: the engine's cursor, the rows still allowed by the
 * statement's max rows, and the fetch size. Each {@link #nextBatch} reads at most one batch from the
 * engine (which scans the shards page by page), so neither side ever holds the whole result.
 *
 * @param inBlock whether the query ran inside a transaction block (COMMIT and ROLLBACK close it then)
 */
final class OpenCursor implements AutoCloseable {
    private final long id;
    private final List<ResultColumn> columns;
    private final RowCursor rows;
    private final int fetchSize;
    private final int maxBatchBytes;
    private final boolean inBlock;
    private long remaining; // rows max rows still allows; Long.MAX_VALUE: no limit
    private boolean closed;

    OpenCursor(long id, List<ResultColumn> columns, RowCursor rows, int fetchSize, long maxRows,
            int maxBatchBytes, boolean inBlock) {
        this.id = id;
        this.columns = columns;
        this.rows = rows;
        this.fetchSize = fetchSize;
        this.maxBatchBytes = maxBatchBytes;
        this.inBlock = inBlock;
        this.remaining = maxRows > 0 ? maxRows : Long.MAX_VALUE;
    }

    long id() { return id; }

    boolean inBlock() { return inBlock; }

    /**
     * The next batch: up to {@code max} rows (0: the cursor's fetch size), fewer once about the batch
     * byte limit is reached; {@code last} when the result is exhausted, after which the cursor is closed.
     */
    RowBatch nextBatch(int max) {
        int limit = max > 0 ? max : fetchSize;
        List<Row> batch = new ArrayList<>(Math.min(limit, 1024));
        int bytes = 0;
        while (batch.size() < limit && bytes < maxBatchBytes && remaining > 0 && rows.hasNext()) {
            Object[] fields = rows.next();
            batch.add(WireValues.row(columns, fields));
            bytes += WireValues.estimatedBytes(fields);
            remaining--;
        }
        boolean last = remaining == 0 || !rows.hasNext();
        if (last) close();
        return new RowBatch(batch, last);
    }

    boolean isClosed() { return closed; }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        rows.close();
    }
}
