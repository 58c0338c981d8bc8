package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Row;

import java.util.List;

/**
 * Rows of a cursor, at most the fetch size and never more than fit in a frame. When {@code last} is
 * true the result is complete and the server has closed the cursor; otherwise the server keeps it open
 * and sends nothing more until {@link Fetch} or {@link CloseCursor}.
 * <pre>
 * | last (bool) | rows (list&lt;row&gt;) |        row = | count (varint) | value ... |
 * </pre>
 */
public record RowBatch(List<Row> rows, boolean last) implements ServerMessage {
    public RowBatch {
        rows = List.copyOf(rows);
    }
}
