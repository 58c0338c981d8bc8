package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.parser.SqlAlterTableAddConstraint;
import io.shardsql.sql.parser.SqlCheckConstraint;
import io.shardsql.sql.parser.SqlCreateIndex;
import io.shardsql.sql.parser.SqlUniqueConstraint;
import io.shardsql.sql.rows.CheckConstraints;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;

import java.util.HashSet;
import java.util.Set;

/**
 * Which way an {@code ALTER TABLE t ADD constraint} runs: {@code UNIQUE (cols)} is built online as the
 * constraint's unique index, exactly as {@code CREATE UNIQUE INDEX} ({@link CreateIndex}; no name:
 * {@code t_cols_key}); {@code CHECK} is a catalog change ({@link AddCheck}); {@code PRIMARY KEY} is refused
 * (0A000: a table's key is fixed when it is created).
 */
final class AddUnique {
    private AddUnique() {}

    /** The CREATE UNIQUE INDEX that {@code ddl} amounts to, if it is an ADD UNIQUE; else null. */
    static SqlCreateIndex index(SqlNode ddl) {
        if (!(ddl instanceof SqlAlterTableAddConstraint add) || !(add.constraint() instanceof SqlUniqueConstraint u)) {
            return null;
        }
        Set<String> seen = new HashSet<>();
        for (String column : u.columnNames()) {
            if (!seen.add(column)) {
                throw new ShardSqlException(ErrorCode.DUPLICATE_COLUMN, "column \"" + column
                        + "\" appears twice in unique constraint");
            }
        }
        SqlIdentifier name = u.name();
        return new SqlCreateIndex(add.getParserPosition(), true, false, name, add.table(), u.columns());
    }

    /** The catalog change of an ADD that is not a UNIQUE: ADD CHECK, or 0A000 for ADD PRIMARY KEY. */
    static CatalogChange checkOnly(SqlAlterTableAddConstraint add, CatalogStore catalog, CheckConstraints checks) {
        if (add.constraint() instanceof SqlCheckConstraint) return new AddCheck(add, catalog, checks);
        throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED,
                "ALTER TABLE ... ADD PRIMARY KEY is not supported: a table's primary key is fixed when it is created");
    }
}
