package io.shardsql.sql.exec;

import java.util.List;

/** What a statement returns: rows, a count of rows written, or just that it is done. */
public sealed interface StatementResult {

    /** A query's columns and its rows, streamed. */
    record Rows(List<ResultColumn> columns, RowCursor cursor) implements StatementResult {}

    /** INSERT, UPDATE or DELETE: how many rows. */
    record UpdateCount(long count) implements StatementResult {}

    /** Anything else, with PostgreSQL's command tag ({@code BEGIN}, {@code CREATE TABLE}, ...). */
    record Done(String tag) implements StatementResult {}
}
