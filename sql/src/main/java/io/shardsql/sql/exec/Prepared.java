package io.shardsql.sql.exec;

import java.util.List;

/**
 * A statement prepared in a session: its text, the type of each {@code ?} and, for a query, its result
 * columns. Executing it ({@link Session#execute(Prepared, List)}) finds the compiled plan in the
 * engine's cache by catalog version and text, so it is planned once per catalog version, not per run.
 *
 * @param parameters the JDBC type ({@link java.sql.Types}) of each parameter, in order
 * @param columns    the result columns (empty for statements that return no rows)
 */
public record Prepared(String sql, List<ResultColumn> parameters, List<ResultColumn> columns) {
    public Prepared {
        parameters = List.copyOf(parameters);
        columns = List.copyOf(columns);
    }
}
