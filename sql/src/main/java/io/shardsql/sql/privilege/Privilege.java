package io.shardsql.sql.privilege;

import java.util.EnumSet;
import java.util.Set;

/**
 * What may be granted: {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} on a table and
 * {@code CREATE} on the database. Each has one bit in the stored form ({@link AclCodec}).
 */
public enum Privilege {
    SELECT(1), INSERT(2), UPDATE(4), DELETE(8), CREATE(16);

    /** What {@code ALL [PRIVILEGES]} on a table means. */
    public static final Set<Privilege> ALL_ON_TABLE = Set.copyOf(EnumSet.of(SELECT, INSERT, UPDATE, DELETE));

    private final int bit;

    Privilege(int bit) {
        this.bit = bit;
    }

    int bit() { return bit; }

    /** Whether it is granted on tables (else on the database). */
    public boolean onTable() { return this != CREATE; }

    static int bits(Set<Privilege> privileges) {
        int b = 0;
        for (Privilege p : privileges) b |= p.bit;
        return b;
    }

    static Set<Privilege> of(int bits) {
        EnumSet<Privilege> out = EnumSet.noneOf(Privilege.class);
        for (Privilege p : values()) if ((bits & p.bit) != 0) out.add(p);
        return out;
    }
}
