package io.shardsql.protocol.message;

import java.util.Objects;

/**
 * Which statement an {@link Execute} or {@link ExecuteBatch} runs: a prepared one, or SQL text to
 * plan now.
 * <pre>
 * | kind (u8) = 0 | statement id (i64) |      a statement from {@link Prepared}
 * | kind (u8) = 1 | sql (string) |            SQL text
 * </pre>
 */
public sealed interface StatementRef {

    static StatementRef byId(long statementId) {
        return new ById(statementId);
    }

    static StatementRef sql(String sql) {
        return new Sql(sql);
    }

    /** A statement prepared earlier on the connection, named by its id from {@link Prepared}. */
    record ById(long statementId) implements StatementRef {}

    /** SQL text that the server plans when it runs it. */
    record Sql(String sql) implements StatementRef {
        public Sql {
            Objects.requireNonNull(sql, "sql");
        }
    }
}
