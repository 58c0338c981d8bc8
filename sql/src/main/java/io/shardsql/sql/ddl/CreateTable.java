package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlColumnDef;
import io.shardsql.sql.parser.SqlCreateTable;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.sql.rows.CheckConstraints;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code CREATE TABLE [IF NOT EXISTS]}: columns get ids 1..n in the order written, primary-key columns
 * are NOT NULL, a table without a key gets a hidden row id; SERIAL and identity columns get a sequence
 * ({@link OwnedSequences}); CHECK and UNIQUE constraints are added ({@link NewConstraints}). 42P07 if a table,
 * index or sequence has the name. The user who creates it owns it.
 */
final class CreateTable implements CatalogChange {
    private final SqlCreateTable stmt;
    private final CatalogStore catalog;
    private final String owner;
    private final NewConstraints constraints;

    /** {@code owner}: the user who creates the table and owns it, or null. */
    CreateTable(SqlCreateTable stmt, CatalogStore catalog, String owner, CheckConstraints checks) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.owner = owner;
        this.constraints = new NewConstraints(catalog, checks);
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        Set<String> key = stmt.primaryKey().stream().map(SqlIdentifier::getSimple).collect(Collectors.toSet());
        List<ColumnDef> columns = new ArrayList<>();
        for (SqlColumnDef c : stmt.columns()) columns.add(Columns.of(c, columns.size() + 1,
                key.contains(c.simpleName())));
        CatalogSnapshot snapshot = catalog.read(tx);
        if (Names.taken(snapshot, name)) {
            if (stmt.ifNotExists()) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        OwnedSequences owned = new OwnedSequences();
        for (int i = 0; i < columns.size(); i++) {
            columns.set(i, owned.generate(tx, catalog, snapshot, name, stmt.columns().get(i), columns.get(i)));
        }
        List<Integer> pk = new ArrayList<>();
        for (SqlIdentifier k : stmt.primaryKey()) {
            pk.add(columns.stream().filter(c -> c.name().equals(k.getSimple())).findFirst().orElseThrow().id());
        }
        TableDef table = new TableDef(catalog.allocateId(tx), name, columns, pk, List.of(), columns.size() + 1);
        table = constraints.addAll(tx, snapshot, table, stmt.constraints());
        owned.create(tx, catalog);
        catalog.put(tx, table);
        if (owner != null) catalog.putTableAcl(tx, name, Acl.ownedBy(owner));
    }
}
