package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.parser.SqlCreateSequence;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.txn.Transaction;

/**
 * {@code CREATE SEQUENCE [IF NOT EXISTS] name [options]} ({@link SequenceOptions}). Sequences share the
 * namespace of tables and indexes: a taken name is 42P07. The creator owns the sequence (its ACL).
 */
final class CreateSequence implements CatalogChange {
    private final SqlCreateSequence stmt;
    private final CatalogStore catalog;
    private final String owner;

    /** {@code owner}: the user who creates the sequence and owns it, or null. */
    CreateSequence(SqlCreateSequence stmt, CatalogStore catalog, String owner) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.owner = owner;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        // options first: a bad option is reported whether or not the name is taken
        SequenceOptions.create(0, name, stmt.options(), Long.MAX_VALUE, "", 0);
        if (Names.taken(catalog.read(tx), name)) {
            if (stmt.ifNotExists()) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        catalog.putSequence(tx, SequenceOptions.create(catalog.allocateId(tx), name, stmt.options(), Long.MAX_VALUE,
                "", tx.startTs()));
        if (owner != null) catalog.putSequenceAcl(tx, name, Acl.ownedBy(owner));
    }
}
