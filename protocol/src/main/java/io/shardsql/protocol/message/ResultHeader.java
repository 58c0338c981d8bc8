package io.shardsql.protocol.message;

import java.util.List;

/**
 * The start of a query's result: the cursor that holds it and its columns. Always followed by a
 * {@link RowBatch} for the same request.
 * <pre>
 * | cursor id (i64) | columns (list&lt;ColumnMetadata&gt;) |
 * </pre>
 */
public record ResultHeader(long cursorId, List<ColumnMetadata> columns) implements ServerMessage {
    public ResultHeader {
        columns = List.copyOf(columns);
    }
}
