package io.shardsql.sql.exec;

import io.shardsql.sql.ddl.DdlCaller;
import io.shardsql.sql.ddl.DdlExecutor;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlNode;

/** Runs a DDL statement: inside {@code openTx} if the session has a block open, else in its own transactions. */
public interface DdlRunner {
    void execute(SqlNode ddl, Transaction openTx, DdlCaller caller);

    /** After a block that ran DDL committed: the work that waits for the commit (purging dropped keys). */
    void afterCommit();

    static DdlRunner of(DdlExecutor executor) {
        return new DdlRunner() {
            @Override
            public void execute(SqlNode ddl, Transaction openTx, DdlCaller caller) {
                executor.execute(ddl, openTx, caller);
            }

            @Override
            public void afterCommit() {
                executor.runDeferredWork();
            }
        };
    }
}
