package io.shardsql.sql.parser;

/**
 * A statement that controls the session's transaction rather than reading or changing data:
 * {@code BEGIN} / {@code START TRANSACTION}, {@code COMMIT}, {@code ROLLBACK}, {@code SET TRANSACTION}.
 */
public sealed interface SqlTransactionControl
        permits SqlBeginTransaction, SqlCommitTransaction, SqlRollbackTransaction, SqlSetTransaction {
}
