package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.txn.Transaction;

/**
 * Where {@code CREATE USER}, {@code ALTER USER ... PASSWORD} and {@code DROP USER} take effect. The
 * engine parses the statements and runs them in a transaction; how a password is kept (salted and
 * hashed, never in clear) is the implementer's business: the server stores SCRAM credentials in
 * {@code control}.
 */
public interface UserDirectory {

    /** Adds {@code name}; a taken name fails with 42710 unless {@code ifNotExists}. */
    void create(Transaction tx, String name, String password, boolean ifNotExists);

    /** Gives {@code name} a new password; an unknown name fails with 42704. */
    void alterPassword(Transaction tx, String name, String password);

    /** Removes {@code name}; an unknown name fails with 42704 unless {@code ifExists}. */
    void drop(Transaction tx, String name, boolean ifExists);

    /** Whether user {@code name} exists at {@code tx}'s snapshot. */
    boolean exists(Transaction tx, String name);

    /** Refuses every user statement: an engine that is not behind a server's SQL endpoint has no users. */
    UserDirectory NONE = new UserDirectory() {
        @Override
        public void create(Transaction tx, String name, String password, boolean ifNotExists) { refuse(); }

        @Override
        public void alterPassword(Transaction tx, String name, String password) { refuse(); }

        @Override
        public void drop(Transaction tx, String name, boolean ifExists) { refuse(); }

        @Override
        public boolean exists(Transaction tx, String name) { return false; }

        private void refuse() {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                    "users exist only behind a node's SQL endpoint");
        }
    };
}
