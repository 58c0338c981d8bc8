package io.shardsql.protocol.value;

import java.sql.Types;

/**
 * The SQL types a value on the wire can have, with the tag byte that precedes it and the
 * {@link java.sql.Types} code a JDBC client sees. Tags are part of the protocol: never renumber them.
 */
public enum ValueType {
    NULL(0, Types.NULL),
    BOOLEAN(1, Types.BOOLEAN),
    SMALLINT(2, Types.SMALLINT),
    INTEGER(3, Types.INTEGER),
    BIGINT(4, Types.BIGINT),
    DECIMAL(5, Types.DECIMAL),
    REAL(6, Types.REAL),
    DOUBLE(7, Types.DOUBLE),
    VARCHAR(8, Types.VARCHAR),
    VARBINARY(9, Types.VARBINARY),
    DATE(10, Types.DATE),
    TIME(11, Types.TIME),
    TIMESTAMP(12, Types.TIMESTAMP);

    private static final ValueType[] BY_TAG = values();

    private final int tag;
    private final int jdbcType;

    ValueType(int tag, int jdbcType) {
        this.tag = tag;
        this.jdbcType = jdbcType;
    }

    public int tag() { return tag; }

    public int jdbcType() { return jdbcType; }

    /** The type with this tag, or null if there is none. */
    public static ValueType ofTag(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }
}
