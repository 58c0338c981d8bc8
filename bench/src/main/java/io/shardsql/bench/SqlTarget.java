package io.shardsql.bench;

import java.util.List;

/**
 * A database the SQL benchmark runs its statements on, one connection (or session) per client thread.
 * Statements are prepared once per connection and bound per run.
 */
interface SqlTarget extends AutoCloseable {

    String name();

    /** Runs {@code sql} once (DDL, loading). */
    void execute(String sql) throws Exception;

    /**
     * Runs prepared {@code sql} on client {@code thread}'s connection with {@code params}; returns rows read or
     * written.
     */
    long run(int thread, String sql, List<Object> params) throws Exception;
}
