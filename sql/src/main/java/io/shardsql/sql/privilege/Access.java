package io.shardsql.sql.privilege;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.HashSet;
import java.util.Set;

/**
 * What one user may do under one catalog version's {@link Grants}. A user may use a table or a sequence
 * if it owns it, or if the privilege was granted to it or to a role it is a member of; a member of {@code admin}
 * may do everything. The engine's own sessions (no user: tests, embedded use) may do everything too.
 */
public final class Access {
    /** The engine's own sessions: everything is allowed. */
    public static final Access INTERNAL = new Access(null, Grants.NONE);

    private final String user;
    private final Grants grants;
    private final Set<String> principals;
    private final boolean admin;

    private Access(String user, Grants grants) {
        this.user = user;
        this.grants = grants;
        Set<String> p = new HashSet<>();
        if (user != null) {
            p.add(user);
            p.addAll(grants.rolesOf(user));
        }
        this.principals = Set.copyOf(p);
        this.admin = user == null || principals.contains(Grants.ADMIN);
    }

    /** {@code user}'s access; a null user is {@link #INTERNAL}. */
    public static Access of(String user, Grants grants) {
        return user == null ? INTERNAL : new Access(user, grants);
    }

    /** The user, or null for the engine's own sessions. */
    public String user() { return user; }

    public boolean isAdmin() { return admin; }

    /** Admin or a member of {@code backup}: may take and drop snapshots. */
    public boolean mayBackup() {
        return admin || principals.contains(Grants.BACKUP);
    }

    public boolean owns(String table) {
        return user != null && grants.table(table).owner().map(user::equals).orElse(false);
    }

    /** Whether {@code privilege} on {@code table} is allowed. */
    public boolean may(Privilege privilege, String table) {
        if (admin || owns(table)) return true;
        Acl acl = grants.table(table);
        for (String p : principals) if (acl.of(p).contains(privilege)) return true;
        return false;
    }

    /**
     * Whether the user owns sequence {@code name}: its creator does; the sequence of a SERIAL or identity
     * column ({@code table}, the table that owns it, not empty) is owned by that table's owner.
     */
    public boolean ownsSequence(String name, String table) {
        if (user == null) return false;
        if (!table.isEmpty()) return owns(table);
        return grants.sequence(name).owner().map(user::equals).orElse(false);
    }

    /**
     * Whether one of {@code anyOf} on sequence {@code name} (owned by {@code table}, or "") is allowed: admin
     * and the owner may everything; anyone else needs one of them granted to it or to one of its roles.
     */
    public boolean mayOnSequence(String name, String table, Privilege... anyOf) {
        if (admin || ownsSequence(name, table)) return true;
        Acl acl = grants.sequence(name);
        for (String p : principals) {
            for (Privilege x : anyOf) if (acl.of(p).contains(x)) return true;
        }
        return false;
    }

    /** Owner or admin: may ALTER, DROP and GRANT on sequence {@code name} (owned by {@code table}, or ""). */
    public boolean mayAlterSequence(String name, String table) {
        return admin || ownsSequence(name, table);
    }

    /** CREATE on the database: may create tables (and indexes on tables it owns). */
    public boolean mayCreate() {
        if (admin) return true;
        for (String p : principals) if (grants.database().of(p).contains(Privilege.CREATE)) return true;
        return false;
    }

    /** Owner or admin: may ALTER, DROP, index and GRANT on {@code table}. */
    public boolean mayAlter(String table) {
        return admin || owns(table);
    }

    /** Whether the table shows in sys.tables and DatabaseMetaData: some privilege on it, or ownership. */
    public boolean sees(String table) {
        if (admin || owns(table)) return true;
        Acl acl = grants.table(table);
        for (String p : principals) if (!acl.of(p).isEmpty()) return true;
        return false;
    }

    /** Fails with 42501 unless {@code allowed}. */
    public static void require(boolean allowed, String message) {
        if (!allowed) throw denied(message);
    }

    /** The 42501 error of a refused statement. */
    public static ShardSqlException denied(String message) {
        return new ShardSqlException(ErrorCode.INSUFFICIENT_PRIVILEGE, message);
    }
}
