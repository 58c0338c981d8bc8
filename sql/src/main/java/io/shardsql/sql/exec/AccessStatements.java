package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.SequenceDef;
import io.shardsql.sql.parser.SqlAlterUser;
import io.shardsql.sql.parser.SqlCreateRole;
import io.shardsql.sql.parser.SqlCreateUser;
import io.shardsql.sql.parser.SqlDropRole;
import io.shardsql.sql.parser.SqlDropUser;
import io.shardsql.sql.parser.SqlGrantOrRevoke;
import io.shardsql.sql.privilege.Access;
import io.shardsql.sql.privilege.Acl;
import io.shardsql.sql.privilege.Grants;
import io.shardsql.sql.privilege.Privilege;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The statements about who may do what, each run in one transaction (checked and changed at one
 * snapshot, so a refused one changes nothing):
 *
 * <pre>
 * CREATE USER, DROP USER, CREATE ROLE, DROP ROLE       admin only
 * ALTER USER name PASSWORD                             admin, or the user itself
 * GRANT / REVOKE privileges ON TABLE                   the table's owner, or admin
 * GRANT / REVOKE privileges ON SEQUENCE                the sequence's owner, or admin
 * GRANT / REVOKE CREATE ON DATABASE, role TO user      admin only
 * </pre>
 *
 * A password is at least {@link #MIN_PASSWORD_LENGTH} characters (else 22023). Dropping a user takes it out
 * of its roles and its grants; a user who owns tables cannot be dropped (2BP01). Dropping a role takes
 * its grants. Users and roles share names: a role may not take a user's name, nor a user a role's (42710).
 */
final class AccessStatements {
    /** The shortest password CREATE USER and ALTER USER accept. */
    static final int MIN_PASSWORD_LENGTH = 8;

    private final CatalogStore catalog;
    private final UserDirectory users;
    private final String sessionUser;

    AccessStatements(CatalogStore catalog, UserDirectory users, String sessionUser) {
        this.catalog = catalog;
        this.users = users;
        this.sessionUser = sessionUser;
    }

    static boolean handles(SqlNode node) {
        return node instanceof SqlCreateUser || node instanceof SqlAlterUser || node instanceof SqlDropUser
                || node instanceof SqlCreateRole || node instanceof SqlDropRole || node instanceof SqlGrantOrRevoke;
    }

    /** Runs {@code node} in {@code tx}; returns its command tag. */
    String run(SqlNode node, Transaction tx) {
        CatalogSnapshot snapshot = catalog.read(tx);
        Access access = Access.of(sessionUser, snapshot.grants());
        if (node instanceof SqlAlterUser a) {
            String name = name(a.name());
            Access.require(access.isAdmin() || name.equals(sessionUser), "permission denied to alter user " + name);
            checkPassword(a.password());
            users.alterPassword(tx, name, a.password());
            return "ALTER USER";
        }
        if (node instanceof SqlGrantOrRevoke g && g.target() == SqlGrantOrRevoke.Target.TABLE) {
            grantOnTables(tx, snapshot, access, g);
            return g.grant() ? "GRANT" : "REVOKE";
        }
        if (node instanceof SqlGrantOrRevoke g && g.target() == SqlGrantOrRevoke.Target.SEQUENCE) {
            grantOnSequences(tx, snapshot, access, g);
            return g.grant() ? "GRANT" : "REVOKE";
        }
        Access.require(access.isAdmin(), "permission denied: only an admin may " + verb(node));
        if (node instanceof SqlCreateUser c) {
            createUser(tx, snapshot.grants(), c);
            return "CREATE USER";
        }
        if (node instanceof SqlDropUser d) {
            dropUser(tx, snapshot.grants(), name(d.name()), d.ifExists());
            return "DROP USER";
        }
        if (node instanceof SqlCreateRole c) {
            createRole(tx, snapshot.grants(), name(c.name()), c.ifNotExists());
            return "CREATE ROLE";
        }
        if (node instanceof SqlDropRole d) {
            dropRole(tx, snapshot.grants(), name(d.name()), d.ifExists());
            return "DROP ROLE";
        }
        SqlGrantOrRevoke g = (SqlGrantOrRevoke) node;
        if (g.target() == SqlGrantOrRevoke.Target.DATABASE) grantOnDatabase(tx, snapshot.grants(), g);
        else grantRoles(tx, snapshot.grants(), g);
        return g.grant() ? "GRANT" : "REVOKE";
    }

    private void createUser(Transaction tx, Grants grants, SqlCreateUser c) {
        String name = name(c.name());
        checkPassword(c.password());
        if (grants.roleExists(name)) {
            if (c.ifNotExists()) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
        users.create(tx, name, c.password(), c.ifNotExists());
    }

    private void dropUser(Transaction tx, Grants grants, String name, boolean ifExists) {
        if (name.equals(sessionUser)) {
            throw new ShardSqlException(ErrorCode.OBJECT_IN_USE, "user \"" + name + "\" cannot drop themself");
        }
        Set<String> owned = grants.ownedBy(name);
        if (!owned.isEmpty() && users.exists(tx, name)) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "user \"" + name
                    + "\" cannot be dropped because it owns tables: " + String.join(", ", owned));
        }
        Set<String> ownedSequences = grants.sequencesOwnedBy(name);
        if (!ownedSequences.isEmpty() && users.exists(tx, name)) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "user \"" + name
                    + "\" cannot be dropped because it owns sequences: " + String.join(", ", ownedSequences));
        }
        users.drop(tx, name, ifExists);
        forgetGrantee(tx, grants, name);
        for (Map.Entry<String, Set<String>> r : grants.roles().entrySet()) {
            if (r.getValue().contains(name)) catalog.putRole(tx, r.getKey(), without(r.getValue(), name));
        }
    }

    private void createRole(Transaction tx, Grants grants, String name, boolean ifNotExists) {
        if (grants.roleExists(name) || users.exists(tx, name)) {
            if (ifNotExists) return;
            throw new ShardSqlException(ErrorCode.DUPLICATE_OBJECT, "role \"" + name + "\" already exists");
        }
        catalog.putRole(tx, name, Set.of());
    }

    private void dropRole(Transaction tx, Grants grants, String name, boolean ifExists) {
        if (Grants.BUILT_IN_ROLES.contains(name)) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "role \"" + name
                    + "\" is built in and cannot be dropped");
        }
        if (!grants.roleExists(name)) {
            if (ifExists) return;
            throw unknownRole(name);
        }
        forgetGrantee(tx, grants, name);
        catalog.removeRole(tx, name);
    }

    private void grantOnTables(Transaction tx, CatalogSnapshot snapshot, Access access, SqlGrantOrRevoke g) {
        Set<Privilege> privileges = privileges(g, Privilege.ALL_ON_TABLE);
        for (SqlIdentifier t : g.objects()) {
            String table = name(t);
            if (snapshot.table(table).isEmpty() && snapshot.view(table).isEmpty()) {
                throw new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + table + "\" does not exist");
            }
            Access.require(access.mayAlter(table), "permission denied for table " + table
                    + ": only its owner or an admin may grant on it");
            Acl acl = snapshot.grants().table(table);
            for (SqlIdentifier grantee : g.grantees()) {
                String who = grantee(tx, snapshot.grants(), grantee);
                acl = g.grant() ? acl.grant(who, privileges) : acl.revoke(who, privileges);
            }
            catalog.putTableAcl(tx, table, acl);
        }
    }

    private void grantOnSequences(Transaction tx, CatalogSnapshot snapshot, Access access, SqlGrantOrRevoke g) {
        Set<Privilege> privileges = privileges(g, Privilege.ALL_ON_SEQUENCE);
        for (SqlIdentifier id : g.objects()) {
            String name = name(id);
            SequenceDef s = snapshot.sequence(name).orElseThrow(() -> new ShardSqlException(ErrorCode.UNDEFINED_TABLE,
                    "relation \"" + name + "\" does not exist"));
            Access.require(access.mayAlterSequence(name, s.ownedBy()), "permission denied for sequence " + name
                    + ": only its owner or an admin may grant on it");
            Acl acl = snapshot.grants().sequence(name);
            for (SqlIdentifier grantee : g.grantees()) {
                String who = grantee(tx, snapshot.grants(), grantee);
                acl = g.grant() ? acl.grant(who, privileges) : acl.revoke(who, privileges);
            }
            catalog.putSequenceAcl(tx, name, acl);
        }
    }

    private void grantOnDatabase(Transaction tx, Grants grants, SqlGrantOrRevoke g) {
        Acl acl = grants.database();
        for (SqlIdentifier grantee : g.grantees()) {
            String who = grantee(tx, grants, grantee);
            acl = g.grant() ? acl.grant(who, Set.of(Privilege.CREATE)) : acl.revoke(who, Set.of(Privilege.CREATE));
        }
        catalog.putDatabaseAcl(tx, acl);
    }

    private void grantRoles(Transaction tx, Grants grants, SqlGrantOrRevoke g) {
        for (SqlIdentifier r : g.objects()) {
            String role = name(r);
            if (!grants.roleExists(role)) throw unknownRole(role);
            Set<String> members = new HashSet<>(grants.members(role));
            for (SqlIdentifier u : g.grantees()) {
                String user = name(u);
                if (!users.exists(tx, user)) {
                    if (grants.roleExists(user)) {
                        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                                "roles are granted to users only: \"" + user + "\" is a role");
                    }
                    throw unknownRole(user);
                }
                if (g.grant()) members.add(user);
                else members.remove(user);
            }
            if (role.equals(Grants.ADMIN) && members.isEmpty()) {
                throw new ShardSqlException(ErrorCode.OBJECT_IN_USE,
                        "the last member of role admin cannot be taken out of it");
            }
            catalog.putRole(tx, role, members);
        }
    }

    /** Removes everything granted to {@code name} (a dropped user or role). */
    private void forgetGrantee(Transaction tx, Grants grants, String name) {
        for (Map.Entry<String, Acl> t : grants.tables().entrySet()) {
            if (t.getValue().grants().containsKey(name)) {
                catalog.putTableAcl(tx, t.getKey(), t.getValue().without(name));
            }
        }
        for (Map.Entry<String, Acl> s : grants.sequences().entrySet()) {
            if (s.getValue().grants().containsKey(name)) {
                catalog.putSequenceAcl(tx, s.getKey(), s.getValue().without(name));
            }
        }
        if (grants.database().grants().containsKey(name)) catalog.putDatabaseAcl(tx, grants.database().without(name));
    }

    /** A grantee that exists: a user or a role (42704 otherwise). */
    private String grantee(Transaction tx, Grants grants, SqlIdentifier id) {
        String who = name(id);
        if (!grants.roleExists(who) && !users.exists(tx, who)) throw unknownRole(who);
        return who;
    }

    /** The privileges {@code g} names; {@code all} is what ALL [PRIVILEGES] means on its objects. */
    private static Set<Privilege> privileges(SqlGrantOrRevoke g, Set<Privilege> all) {
        EnumSet<Privilege> out = EnumSet.noneOf(Privilege.class);
        for (String p : g.privileges()) {
            if (p.equals("ALL")) out.addAll(all);
            else out.add(Privilege.valueOf(p));
        }
        return out;
    }

    static void checkPassword(String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_LENGTH) {
            throw new ShardSqlException(ErrorCode.INVALID_PARAMETER_VALUE,
                    "password is too short: it must have at least " + MIN_PASSWORD_LENGTH + " characters");
        }
    }

    private static Set<String> without(Set<String> members, String name) {
        Set<String> out = new HashSet<>(members);
        out.remove(name);
        return out;
    }

    private static ShardSqlException unknownRole(String name) {
        return new ShardSqlException(ErrorCode.UNDEFINED_OBJECT, "role \"" + name + "\" does not exist");
    }

    private static String verb(SqlNode node) {
        if (node instanceof SqlCreateUser) return "create users";
        if (node instanceof SqlDropUser) return "drop users";
        if (node instanceof SqlCreateRole) return "create roles";
        if (node instanceof SqlDropRole) return "drop roles";
        return ((SqlGrantOrRevoke) node).target() == SqlGrantOrRevoke.Target.DATABASE
                ? "grant or revoke CREATE on the database" : "grant or revoke roles";
    }

    private static String name(SqlIdentifier id) {
        return id.names.get(id.names.size() - 1);
    }
}
