package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.SqlAlterTableRename;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.txn.Transaction;

/**
 * {@code ALTER TABLE t RENAME TO u}: catalog only. Rows and index entries are keyed by ids, not names, so
 * nothing else moves: the definition goes under the new name with its owner and grants, and the sequences the
 * table owns (SERIAL, identity) name their new owner (they keep their names, as in PostgreSQL). A view may be
 * renamed the same way. The views that read the table are rewritten to read it under its new name
 * ({@link ViewRewrites}). 42P01 if absent; 42P07 if the new name is taken; 0A000 if a view that reads it cannot
 * be rewritten to mean the same (a WITH item of the table's name), or if a view reads the view renamed.
 */
final class RenameTable implements CatalogChange {
    private final SqlAlterTableRename stmt;
    private final CatalogStore catalog;
    private final ViewAnalyzer views;

    RenameTable(SqlAlterTableRename stmt, CatalogStore catalog, ViewAnalyzer views) {
        this.stmt = stmt;
        this.catalog = catalog;
        this.views = views;
    }

    @Override
    public void apply(Transaction tx) {
        String name = Names.of(stmt.table());
        String newName = stmt.newName().getSimple();
        CatalogSnapshot snapshot = catalog.read(tx);
        ViewDef view = snapshot.view(name).orElse(null);
        TableDef table = view != null ? null : Names.table(snapshot, name);
        if (Names.taken(snapshot, newName)) {
            throw new ShardSqlException(ErrorCode.DUPLICATE_TABLE, "relation \"" + newName + "\" already exists");
        }
        if (view != null && !ViewDependents.of(snapshot, name).isEmpty()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot rename view \"" + name + "\": view "
                    + ViewDependents.of(snapshot, name).get(0).name() + " reads it (drop that view first, and create it"
                    + " again after)");
        }
        Acl acl = snapshot.grants().table(name);
        if (view != null) {
            catalog.removeView(tx, name);
            catalog.putView(tx, new ViewDef(newName, view.sql(), view.columns(), view.dependsOn()));
        } else {
            for (CheckDef c : table.checks()) {
                // A CHECK is kept as its SQL text, which may qualify columns with the table's name.
                if (java.util.regex.Pattern.compile("(?i)(^|[^a-z0-9_$])" + java.util.regex.Pattern.quote(name)
                        + "\\s*\\.").matcher(c.expression()).find()) {
                    throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot rename table \"" + name
                            + "\": CHECK constraint \"" + c.name() + "\" names it (drop the constraint first)");
                }
            }
            catalog.remove(tx, name);
            catalog.put(tx, table.withIdAndName(table.id(), newName)); // foreign keys name tables by id
            for (SequenceDef s : snapshot.sequences().values()) {
                if (!s.ownedBy().equals(name)) continue;
                catalog.putSequence(tx, new SequenceDef(s.id(), s.name(), s.increment(), s.start(), s.min(), s.max(),
                        s.cache(), newName, s.generation(), s.incarnation()));
            }
        }
        if (!acl.isEmpty()) catalog.putTableAcl(tx, newName, acl);
        if (view == null) rewriteViews(tx, snapshot, name, newName);
    }

    /** The views that read the table, rewritten to read it under its new name, and checked. */
    private void rewriteViews(Transaction tx, CatalogSnapshot snapshot, String name, String newName) {
        for (ViewDef v : snapshot.views().values()) {
            if (!v.dependsOn(name)) continue;
            ViewDef rewritten = ViewRewrites.renameTable(v, name, newName).orElseThrow(() -> cannot(name, v));
            catalog.putView(tx, rewritten);
        }
        ViewDependents.check(tx, catalog, views, newName, ErrorCode.FEATURE_NOT_SUPPORTED,
                "rename table \"" + name + "\"");
    }

    private static ShardSqlException cannot(String table, ViewDef view) {
        return new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot rename table \"" + table + "\": view "
                + view.name() + " reads it under a WITH item of the same name (drop the view, and create it again"
                + " after)");
    }
}
