package io.shardsql.sql.ddl;

import io.shardsql.sql.catalog.CatalogKeys;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceCodec;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.parser.SqlAlterSequence;
import io.shardsql.txn.Transaction;

import java.util.Optional;

/**
 * {@code ALTER SEQUENCE [IF EXISTS] name options}: a new definition (every node drops the values it had
 * reserved under the old one); {@code RESTART [WITH n]} also sets the value, in the statement's
 * transaction. 42P01 if absent.
 */
final class AlterSequence implements CatalogChange {
    private final SqlAlterSequence stmt;
    private final CatalogStore catalog;

    AlterSequence(SqlAlterSequence stmt, CatalogStore catalog) {
        this.stmt = stmt;
        this.catalog = catalog;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        Optional<SequenceDef> found = catalog.read(tx).sequence(name);
        if (found.isEmpty() && stmt.ifExists()) return;
        SequenceDef old = found.orElseGet(() -> Names.sequence(catalog.read(tx), name));
        SequenceOptions.Altered altered = SequenceOptions.alter(old, stmt.options());
        catalog.putSequence(tx, altered.sequence());
        if (altered.restart() != null) {
            tx.put(CatalogKeys.sequenceValue(old.id()),
                    SequenceCodec.encodeValue(new SequenceCodec.Value(old.incarnation(), altered.restart(), false)));
        }
    }
}
