package io.shardsql.sql.parser;

/** The isolation levels SQL names, as written in {@code ISOLATION LEVEL ...}. */
public enum IsolationLevel {
    READ_UNCOMMITTED("READ UNCOMMITTED"),
    READ_COMMITTED("READ COMMITTED"),
    REPEATABLE_READ("REPEATABLE READ"),
    SERIALIZABLE("SERIALIZABLE");

    private final String sql;

    IsolationLevel(String sql) { this.sql = sql; }

    /** The level as SQL writes it. */
    public String sql() { return sql; }
}
