package io.shardsql.sql.ddl;

import io.shardsql.txn.Transaction;

import java.util.function.Consumer;

/**
 * Who runs a DDL statement: the user who will own the tables it creates (null: nobody, the engine's own
 * sessions), and the privilege check to run in the statement's transaction, at its snapshot, before it
 * changes anything (it throws 42501 to refuse).
 */
public record DdlCaller(String user, Consumer<Transaction> authorize) {
    /** The engine itself: owns nothing it creates, may do everything. */
    public static final DdlCaller INTERNAL = new DdlCaller(null, tx -> { });
}
