package io.shardsql.sql.parser;

/** {@code READ ONLY} or {@code READ WRITE}, a transaction mode. */
public enum AccessMode {
    READ_ONLY("READ ONLY"),
    READ_WRITE("READ WRITE");

    private final String sql;

    AccessMode(String sql) { this.sql = sql; }

    /** The mode as SQL writes it. */
    public String sql() { return sql; }
}
