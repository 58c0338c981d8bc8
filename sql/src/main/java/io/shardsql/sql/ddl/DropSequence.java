package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.parser.SqlDropSequence;
import io.shardsql.txn.Transaction;

import java.util.Optional;

/**
 * {@code DROP SEQUENCE [IF EXISTS] name}: removes the definition and the value. 42P01 if absent; a
 * sequence a table owns (SERIAL, identity) goes with its table: 2BP01, as PostgreSQL's DROP without
 * CASCADE.
 */
final class DropSequence implements CatalogChange {
    private final SqlDropSequence stmt;
    private final CatalogStore catalog;

    DropSequence(SqlDropSequence stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        Optional<SequenceDef> found = catalog.read(tx).sequence(name);
        if (found.isEmpty() && stmt.ifExists()) return;
        SequenceDef s = found.orElseGet(() -> Names.sequence(catalog.read(tx), name));
        if (s.owned()) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop sequence " + name
                    + " because column default of table " + s.ownedBy() + " requires it");
        }
        catalog.removeSequence(tx, s);
    }
}
