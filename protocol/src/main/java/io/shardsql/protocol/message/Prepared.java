package io.shardsql.protocol.message;

import java.util.List;

/**
 * A prepared statement: its id for {@link Execute} and {@link CloseStatement}, and its metadata.
 * {@code columns} is empty for statements that return no rows.
 * <pre>
 * | statement id (i64) | parameters (list&lt;ParameterMetadata&gt;) | columns (list&lt;ColumnMetadata&gt;) |
 * </pre>
 */
public record Prepared(long statementId, List<ParameterMetadata> parameters, List<ColumnMetadata> columns)
        implements ServerMessage {
    public Prepared {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }
}
