package io.shardsql.sql.privilege;

import java.util.EnumSet;
import java.util.Set;

/**
 * What may be granted: {@code SELECT}, {@code INSERT}, {@code UPDATE}, {@code DELETE} on a table,
 * {@code USAGE}, {@code SELECT}, {@code UPDATE} on a sequence and {@code CREATE} on the database. Each has
 * one bit in the stored form ({@link AclCodec}).
 */
public enum Privilege {
    SELECT(1), INSERT(2), UPDATE(4), DELETE(8), CREATE(16), USAGE(32);

    /** What {@code ALL [PRIVILEGES]} on a table means. */
    public static final Set<Privilege> ALL_ON_TABLE = Set.copyOf(EnumSet.of(SELECT, INSERT, UPDATE, DELETE));

    /** What {@code ALL [PRIVILEGES]} on a sequence means. */
    public static final Set<Privilege> ALL_ON_SEQUENCE = Set.copyOf(EnumSet.of(USAGE, SELECT, UPDATE));

    private final int bit;

    Privilege(int bit) {
        this.bit = bit;
    }

    int bit() { return bit; }

    /** Whether it is granted on tables. */
    public boolean onTable() { return ALL_ON_TABLE.contains(this); }

    /** Whether it is granted on sequences. */
    public boolean onSequence() { return ALL_ON_SEQUENCE.contains(this); }

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
