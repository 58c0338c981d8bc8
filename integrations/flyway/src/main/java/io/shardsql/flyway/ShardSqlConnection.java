package io.shardsql.flyway;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.base.Connection;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;

import java.sql.SQLException;
import java.util.concurrent.Callable;

/**
 * One of Flyway's connections to ShardSQL. The current schema is always {@code public}, where user tables
 * live (ShardSQL has no CREATE SCHEMA and no search path yet), so there is nothing to switch or restore.
 *
 * <p>{@link #lock} holds the schema history's {@link MigrationLock} around Flyway's work, in autocommit
 * instead of Flyway's usual transaction on this connection: an open transaction would keep a migration's
 * online CREATE INDEX waiting (see {@link MigrationLock}). Locks taken again while held (nested calls) are
 * counted, not taken twice.
 */
public final class ShardSqlConnection extends Connection<ShardSqlDatabase> {
    private MigrationLock held;
    private int depth;

    ShardSqlConnection(ShardSqlDatabase database, java.sql.Connection connection) {
        super(database, connection);
    }

    @Override
    protected String getCurrentSchemaNameOrSearchPath() throws SQLException {
        return getJdbcConnection().getSchema();
    }

    @Override
    public Schema<ShardSqlDatabase, ShardSqlTable> getSchema(String name) {
        return new ShardSqlSchema(getJdbcTemplate(), database, name);
    }

    @Override
    public <T> T lock(Table table, Callable<T> callable) {
        boolean outermost = depth == 0;
        if (outermost && table.exists()) {
            held = new MigrationLock(getJdbcTemplate(), database, table.getName());
            held.acquire();
        }
        depth++;
        try {
            return callable.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new FlywayException(e);
        } finally {
            depth--;
            if (outermost && held != null) {
                MigrationLock lock = held;
                held = null;
                lock.release();
            }
        }
    }
}
