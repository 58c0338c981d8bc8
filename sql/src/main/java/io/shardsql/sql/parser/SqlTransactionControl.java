package io.shardsql.sql.parser;

/**
 * A statement that controls the session's transaction rather than reading or changing data:
 * {@code BEGIN} / {@code START TRANSACTION} and {@code SET TRANSACTION} ({@link SqlBeginOrSetTransaction}),
 * {@code COMMIT} and {@code ROLLBACK} ({@link SqlCommitOrRollback}).
 */
public sealed interface SqlTransactionControl permits SqlBeginOrSetTransaction, SqlCommitOrRollback {
}
