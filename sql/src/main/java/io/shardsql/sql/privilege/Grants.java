package io.shardsql.sql.privilege;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every privilege of one catalog version: the ACL of each table and of each sequence (by name), the
 * database's ACL (who may CREATE) and the roles with their members. Immutable; part of
 * {@code io.shardsql.sql.catalog.CatalogSnapshot}.
 *
 * <p>Two roles are built in and always exist: {@link #ADMIN} (may do everything; the first user,
 * also called {@code admin}, is its first member) and {@link #BACKUP} (may run SNAPSHOT and DROP
 * SNAPSHOT and read {@code sys.snapshots}). Roles are granted to users only: a role does not hold
 * another role.
 *
 * @param tables   table name to its ACL; a table without an entry has no owner and no grants
 * @param database who was granted CREATE on the database
 * @param roles    role name to its members (the built-in roles appear once they have had members)
 * @param sequences sequence name to its ACL; a sequence without an entry has no owner of its own and no
 *                  grants (a SERIAL or identity column's sequence is owned by its table's owner: {@link Access})
 */
public record Grants(Map<String, Acl> tables, Acl database, Map<String, Set<String>> roles,
                     Map<String, Acl> sequences) {
    public static final String ADMIN = "admin";
    public static final String BACKUP = "backup";
    /** The roles that exist without CREATE ROLE and cannot be dropped. */
    public static final Set<String> BUILT_IN_ROLES = Set.of(ADMIN, BACKUP);

    public static final Grants NONE = new Grants(Map.of(), Acl.EMPTY, Map.of(), Map.of());

    public Grants {
        tables = Map.copyOf(tables);
        roles = Map.copyOf(roles);
        sequences = Map.copyOf(sequences);
    }

    /** Grants without sequence ACLs. */
    public Grants(Map<String, Acl> tables, Acl database, Map<String, Set<String>> roles) {
        this(tables, database, roles, Map.of());
    }

    public Acl table(String name) {
        return tables.getOrDefault(name, Acl.EMPTY);
    }

    public Acl sequence(String name) {
        return sequences.getOrDefault(name, Acl.EMPTY);
    }

    public boolean roleExists(String name) {
        return BUILT_IN_ROLES.contains(name) || roles.containsKey(name);
    }

    public Set<String> members(String role) {
        return roles.getOrDefault(role, Set.of());
    }

    /** The roles {@code user} is a member of. */
    public Set<String> rolesOf(String user) {
        Set<String> out = new HashSet<>();
        roles.forEach((role, members) -> {
            if (members.contains(user)) out.add(role);
        });
        return out;
    }

    /** The tables {@code user} owns, by name. */
    public Set<String> ownedBy(String user) {
        return owned(tables, user);
    }

    /** The sequences {@code user} created and owns, by name (not those of SERIAL or identity columns). */
    public Set<String> sequencesOwnedBy(String user) {
        return owned(sequences, user);
    }

    private static Set<String> owned(Map<String, Acl> acls, String user) {
        Set<String> out = new java.util.TreeSet<>();
        acls.forEach((name, acl) -> {
            if (acl.owner().equals(Optional.of(user))) out.add(name);
        });
        return out;
    }
}
