package io.shardsql.sql.privilege;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Who owns one object and what each user or role was granted on it. Immutable: {@link #grant} and
 * {@link #revoke} return a new one.
 *
 * @param owner  the user who created the object; empty for the database and for tables made before
 *               privileges existed (then only an admin may alter or drop them)
 * @param grants grantee (user or role) to the privileges granted to it, none empty
 */
public record Acl(Optional<String> owner, Map<String, Set<Privilege>> grants) {

    /** No owner, nothing granted. */
    public static final Acl EMPTY = new Acl(Optional.empty(), Map.of());

    public Acl {
        TreeMap<String, Set<Privilege>> copy = new TreeMap<>();
        grants.forEach((k, v) -> {
            if (!v.isEmpty()) copy.put(k, Set.copyOf(v));
        });
        grants = java.util.Collections.unmodifiableMap(copy);
    }

    /** An object owned by {@code owner}, nothing granted. */
    public static Acl ownedBy(String owner) {
        return new Acl(Optional.ofNullable(owner), Map.of());
    }

    /** The privileges granted to {@code grantee} itself (not through roles). */
    public Set<Privilege> of(String grantee) {
        return grants.getOrDefault(grantee, Set.of());
    }

    public Acl grant(String grantee, Set<Privilege> privileges) {
        Map<String, Set<Privilege>> g = new TreeMap<>(grants);
        EnumSet<Privilege> now = EnumSet.noneOf(Privilege.class);
        now.addAll(of(grantee));
        now.addAll(privileges);
        g.put(grantee, now);
        return new Acl(owner, g);
    }

    public Acl revoke(String grantee, Set<Privilege> privileges) {
        Map<String, Set<Privilege>> g = new TreeMap<>(grants);
        EnumSet<Privilege> now = EnumSet.noneOf(Privilege.class);
        now.addAll(of(grantee));
        now.removeAll(privileges);
        g.put(grantee, now);
        return new Acl(owner, g);
    }

    /** This ACL without anything granted to {@code grantee} (when it is dropped). */
    public Acl without(String grantee) {
        return revoke(grantee, EnumSet.allOf(Privilege.class));
    }

    public boolean isEmpty() {
        return owner.isEmpty() && grants.isEmpty();
    }
}
