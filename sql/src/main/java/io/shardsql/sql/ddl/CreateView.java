package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.SqlCreateView;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE [OR REPLACE] VIEW name [(columns)] AS query}: stores the query (as text) with its columns and
 * what it reads ({@link ViewAnalyzer#define}). The name is taken if a table, index, sequence or view has it
 * (42P07; OR REPLACE of a table, index or sequence: 42809). OR REPLACE keeps the old columns as they were —
 * same names, same types, in the same order — and may add new ones at the end (42P16 otherwise), as in
 * PostgreSQL; a view whose query would read itself is 42P17. The user who creates a view owns it.
 */
final class CreateView implements CatalogChange {
    private final SqlCreateView stmt;
    private final CatalogStore catalog;
    private final ViewAnalyzer analyzer;
    private final String owner;

    CreateView(SqlCreateView stmt, CatalogStore catalog, ViewAnalyzer analyzer, String owner) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.analyzer = analyzer;
        this.owner = owner;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.name());
        CatalogSnapshot snapshot = catalog.read(tx);
        Optional<ViewDef> old = snapshot.view(name);
        if (old.isEmpty() && Names.taken(snapshot, name)) {
            if (stmt.orReplace()) {
                throw new ShardSqlException(ErrorCode.WRONG_OBJECT_TYPE, "\"" + name + "\" is not a view");
            }
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        if (old.isPresent() && !stmt.orReplace()) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + name + "\" already exists");
        }
        List<String> columns = new ArrayList<>();
        if (stmt.columns() != null) {
            for (SqlNode c : stmt.columns()) columns.add(((SqlIdentifier) c).getSimple());
        }
        ViewDef view = analyzer.define(snapshot, owner, name, columns, stmt.query());
        if (old.isPresent()) {
            checkReplacement(old.get(), view);
            checkNoCycle(snapshot, view);
        }
        catalog.putView(tx, view);
        if (old.isEmpty() && owner != null) catalog.putTableAcl(tx, name, Acl.ownedBy(owner));
    }

    /** PostgreSQL's rule: the new query keeps every old column, same name and type, and may add more at the end. */
    private static void checkReplacement(ViewDef old, ViewDef replacement) {
        if (replacement.columns().size() < old.columns().size()) {
            throw invalid("cannot drop columns from view");
        }
        for (int i = 0; i < old.columns().size(); i++) {
            ViewDef.Column was = old.columns().get(i);
            ViewDef.Column is = replacement.columns().get(i);
            if (!was.name().equals(is.name())) {
                throw invalid("cannot change name of view column \"" + was.name() + "\" to \"" + is.name() + "\"");
            }
            if (!was.type().equals(is.type())) {
                throw invalid("cannot change data type of view column \"" + was.name() + "\" from " + was.type()
                        + " to " + is.type());
            }
        }
    }

    /** A replaced view may not read, through other views, itself. */
    private static void checkNoCycle(CatalogSnapshot snapshot, ViewDef view) {
        for (ViewDef dependent : ViewDependents.of(snapshot, view.name())) {
            if (view.dependsOn(dependent.name())) {
                throw new ShardSqlException(ErrorCode.INVALID_OBJECT_DEFINITION, "infinite recursion detected: view \""
                        + view.name() + "\" would read view \"" + dependent.name() + "\", which reads \"" + view.name()
                        + "\"");
            }
        }
    }

    private static ShardSqlException invalid(String message) {
        return new ShardSqlException(ErrorCode.INVALID_TABLE_DEFINITION, message);
    }
}
