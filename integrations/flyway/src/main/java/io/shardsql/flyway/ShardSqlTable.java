package io.shardsql.flyway;

import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

import java.sql.SQLException;

/**
 * A table as Flyway sees it: whether it exists ({@code information_schema.tables}) and how to drop it (the
 * schema history table's lock table goes with it). Locking is {@link ShardSqlConnection#lock}'s (a lease
 * row, {@link MigrationLock}), not a table lock held by a transaction.
 */
public final class ShardSqlTable extends Table<ShardSqlDatabase, ShardSqlSchema> {
    private static final String COUNT = "SELECT count(*) FROM information_schema.tables"
            + " WHERE table_schema = ? AND table_name = ?";

    ShardSqlTable(JdbcTemplate jdbcTemplate, ShardSqlDatabase database, ShardSqlSchema schema, String name) {
        super(jdbcTemplate, database, schema, name);
    }

    @Override
    protected boolean doExists() throws SQLException {
        return jdbcTemplate.queryForInt(COUNT, schema.getName(), name) > 0;
    }

    @Override
    protected void doDrop() throws SQLException {
        jdbcTemplate.execute("DROP TABLE " + database.quote(name) + " CASCADE");
        if (name.equals(database.getConfiguration().getTable())) {
            // the schema history table: its lock table goes with it
            jdbcTemplate.execute("DROP TABLE IF EXISTS " + database.quote(MigrationLock.lockTableName(name)));
        }
    }

    /** Nothing: the history is locked by {@link ShardSqlConnection#lock}, which Flyway calls around its work. */
    @Override
    protected void doLock() {
    }
}
