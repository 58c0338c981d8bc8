package io.shardsql.sql.exec;

import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlNode;

/** Runs a DDL statement: inside {@code openTx} if the session has one open, else in its own transactions. */
public interface DdlRunner {
    void execute(SqlNode ddl, Transaction openTx);
}
