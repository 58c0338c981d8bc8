package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlIdentifier;

/**
 * A {@code CHECK}, {@code UNIQUE} or {@code FOREIGN KEY} constraint as written in {@code CREATE TABLE} (on a
 * column or on the table) or in {@code ALTER TABLE ... ADD}: {@code [CONSTRAINT name] CHECK (expr)},
 * {@code [CONSTRAINT name] UNIQUE (col, ...)}, {@code [CONSTRAINT name] FOREIGN KEY (col, ...) REFERENCES ...}.
 * A constraint written on a column is the same node, with that column (UNIQUE, FOREIGN KEY) or its expression
 * (CHECK).
 */
public sealed interface SqlTableConstraint permits SqlCheckConstraint, SqlUniqueConstraint,
        SqlForeignKeyConstraint {

    /** The name given with {@code CONSTRAINT name}, or null (the catalog then chooses PostgreSQL's). */
    SqlIdentifier name();
}
