package io.shardsql.sql.exec;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.IndexDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.SqlAlterSequence;
import io.shardsql.sql.parser.SqlAlterTableAddConstraint;
import io.shardsql.sql.parser.SqlAlterColumn;
import io.shardsql.sql.parser.SqlAlterTableColumn;
import io.shardsql.sql.parser.SqlAlterTableDropConstraint;
import io.shardsql.sql.parser.SqlCreateSequence;
import io.shardsql.sql.parser.SqlDropSequence;
import io.shardsql.sql.parser.SqlCreateIndex;
import io.shardsql.sql.parser.SqlCreateTable;
import io.shardsql.sql.parser.SqlDropIndex;
import io.shardsql.sql.parser.SqlDropTable;
import io.shardsql.sql.parser.SqlAlterTableRename;
import io.shardsql.sql.parser.SqlCreateView;
import io.shardsql.sql.parser.SqlDropView;
import io.shardsql.sql.parser.SqlTruncateTable;
import io.shardsql.sql.privilege.Privilege;
import io.shardsql.sql.privilege.Access;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.Set;

/**
 * Refuses (42501, before anything changes) what the session's user may not do (docs/security.md,
 * "Privileges"):
 *
 * <pre>
 * query / DML             the privileges of {@link PlanAccess} on every table it reads or writes
 * sys.tables, columns,    anyone; they show only the tables the user may see (SystemSchema)
 *   indexes, shards, nodes
 * information_schema.*   anyone; they show only what the user may see (InformationSchema)
 * sys.transactions,       admin (they name other users' sessions)
 *   sys.gc_horizon
 * sys.snapshots           admin or backup
 * CREATE TABLE,           CREATE on the database
 *   CREATE SEQUENCE
 * ALTER / DROP SEQUENCE   owner of the sequence (its creator; a SERIAL or identity column's: the table's
 *                           owner), or admin
 * nextval, currval,       USAGE or UPDATE, USAGE or SELECT, UPDATE on the sequence (SessionSequences);
 *   setval                  INSERT on a table covers nextval of its SERIAL / identity sequences
 * ALTER / DROP TABLE,     owner of the table, or admin
 *   CREATE / DROP INDEX,
 *   ALTER TABLE RENAME
 * CREATE VIEW             CREATE on the database, and SELECT on what the query reads (ViewDefinitions);
 *                           OR REPLACE of a view: also its owner
 * DROP VIEW               owner of the view, or admin
 * SELECT from a view      SELECT on the view (the tables it reads are the owner's business, as in PostgreSQL)
 * TRUNCATE                DELETE on each table (PostgreSQL has a TRUNCATE privilege; we have none)
 * SNAPSHOT, DROP SNAPSHOT admin or backup
 *   SHOW SNAPSHOTS
 * </pre>
 *
 * Users, roles and GRANT are {@link AccessStatements}'.
 */
final class Authorizer {
    private static final Set<String> ADMIN_SYSTEM_TABLES = Set.of("transactions", "gc_horizon");

    private Authorizer() {}

    static void checkPlan(Access access, Set<TableNeed> needs) {
        for (TableNeed n : needs) {
            if (n.system()) {
                checkSystemTable(access, n.table());
            } else if (!access.may(n.privilege(), n.table())) {
                throw Access.denied("permission denied for table " + n.table() + " (" + n.privilege() + " is needed)");
            }
        }
    }

    static void checkSystemTable(Access access, String table) {
        boolean allowed = table.equals("snapshots") ? access.mayBackup()
                : !ADMIN_SYSTEM_TABLES.contains(table) || access.isAdmin();
        Access.require(allowed, "permission denied for table sys." + table);
    }

    static void checkDdl(Access access, CatalogSnapshot catalog, SqlNode ddl) {
        if (ddl instanceof SqlCreateTable) {
            Access.require(access.mayCreate(), "permission denied to create a table: CREATE on the database is needed");
        } else if (ddl instanceof SqlCreateSequence) {
            Access.require(access.mayCreate(), "permission denied to create a sequence: CREATE on the database is "
                    + "needed");
        } else if (ddl instanceof SqlAlterSequence a) {
            checkSequenceOwner(access, catalog, name(a.name()));
        } else if (ddl instanceof SqlDropSequence d) {
            checkSequenceOwner(access, catalog, name(d.name()));
        } else if (ddl instanceof SqlDropTable d) {
            checkOwner(access, catalog, name(d.name()));
        } else if (ddl instanceof SqlCreateView v) {
            Access.require(access.mayCreate(), "permission denied to create a view: CREATE on the database is needed");
            if (catalog.view(name(v.name())).isPresent()) {
                Access.require(access.mayAlter(name(v.name())), "must be owner of view " + name(v.name()));
            }
        } else if (ddl instanceof SqlDropView d) {
            if (catalog.view(name(d.name())).isPresent()) {
                Access.require(access.mayAlter(name(d.name())), "must be owner of view " + name(d.name()));
            }
        } else if (ddl instanceof SqlTruncateTable t) {
            for (SqlNode n : t.tables()) {
                String table = name((SqlIdentifier) n);
                if (catalog.table(table).isPresent() && !access.may(Privilege.DELETE, table)) {
                    throw Access.denied("permission denied for table " + table + " (DELETE is needed to truncate it)");
                }
            }
        } else if (ddl instanceof SqlAlterTableRename r) {
            String table = name(r.table());
            if (catalog.view(table).isPresent()) {
                Access.require(access.mayAlter(table), "must be owner of view " + table);
            } else {
                checkOwner(access, catalog, table);
            }
        } else if (ddl instanceof SqlAlterTableColumn<?> a) {
            checkOwner(access, catalog, name(a.table()));
        } else if (ddl instanceof SqlAlterColumn a) {
            checkOwner(access, catalog, name(a.table()));
        } else if (ddl instanceof SqlAlterTableAddConstraint a) {
            checkOwner(access, catalog, name(a.table()));
        } else if (ddl instanceof SqlAlterTableDropConstraint d) {
            checkOwner(access, catalog, name(d.table()));
        } else if (ddl instanceof SqlCreateIndex c) {
            checkOwner(access, catalog, name(c.table()));
        } else if (ddl instanceof SqlDropIndex d) {
            String index = name(d.name());
            for (TableDef t : catalog.tables().values()) {
                for (IndexDef ix : t.indexes()) if (ix.name().equals(index)) checkOwner(access, catalog, t.name());
            }
        }
    }

    /** SNAPSHOT, SHOW SNAPSHOTS and DROP SNAPSHOT. */
    static void checkBackup(Access access, String statement) {
        Access.require(access.mayBackup(), "permission denied for " + statement + ": admin or backup is needed");
    }

    /** A table that does not exist is the DDL statement's to report (42P01), not ours. */
    private static void checkOwner(Access access, CatalogSnapshot catalog, String table) {
        if (catalog.table(table).isPresent()) {
            Access.require(access.mayAlter(table), "must be owner of table " + table);
        }
    }

    /** A sequence that does not exist is the DDL statement's to report (42P01), not ours. */
    private static void checkSequenceOwner(Access access, CatalogSnapshot catalog, String sequence) {
        catalog.sequence(sequence).ifPresent(s -> Access.require(access.mayAlterSequence(s.name(), s.ownedBy()),
                "must be owner of sequence " + sequence));
    }

    private static String name(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }
}
