package io.shardsql.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.base.Database;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcConnectionFactory;
import org.flywaydb.core.internal.jdbc.StatementInterceptor;

/**
 * ShardSQL to Flyway: what it supports (transactional DDL, so a migration that can run in a transaction
 * does and rolls back whole when it fails), how it quotes ({@code "name"}, a {@code "} doubled), and the
 * schema history table it keeps.
 *
 * <p>The history table has Flyway's usual columns; {@code installed_rank} is its primary key. Beside it
 * {@link #getRawCreateScript} creates the lock table of {@link MigrationLock}. PostgreSQL's plugin also
 * indexes {@code success}; here that would be a CREATE INDEX, which cannot run inside the transaction
 * that creates the table, and the history is small, so there is no such index.
 *
 * <p>Flyway keeps two connections ({@link #useSingleConnection} is false): one holds the migration lock
 * and writes the history, the other runs the migrations. So a migration that cannot run in a
 * transaction (CREATE INDEX) still runs while the lock is held. The connection holding the lock stays in
 * autocommit ({@link ShardSqlConnection#lock}), so a migration and its history row are two commits: if the
 * process dies between them, the migration is applied but not recorded (as with Flyway on PostgreSQL).
 */
public final class ShardSqlDatabase extends Database<ShardSqlConnection> {

    /** Creates the database support for one Flyway run. */
    public ShardSqlDatabase(Configuration configuration, JdbcConnectionFactory connectionFactory,
                            StatementInterceptor statementInterceptor) {
        super(configuration, connectionFactory, statementInterceptor);
    }

    @Override
    protected ShardSqlConnection doGetConnection(java.sql.Connection connection) {
        return new ShardSqlConnection(this, connection);
    }

    @Override
    public void ensureSupported(Configuration configuration) {
        // every ShardSQL version this plugin ships with is supported
    }

    @Override
    public String getRawCreateScript(Table table, boolean baseline) {
        String name = doQuote(table.getName());
        String script = "CREATE TABLE " + name + " (\n"
                + "    " + quote("installed_rank") + " INT NOT NULL PRIMARY KEY,\n"
                + "    " + quote("version") + " VARCHAR(50),\n"
                + "    " + quote("description") + " VARCHAR(200) NOT NULL,\n"
                + "    " + quote("type") + " VARCHAR(20) NOT NULL,\n"
                + "    " + quote("script") + " VARCHAR(1000) NOT NULL,\n"
                + "    " + quote("checksum") + " INT,\n"
                + "    " + quote("installed_by") + " VARCHAR(100) NOT NULL,\n"
                + "    " + quote("installed_on") + " TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
                + "    " + quote("execution_time") + " INT NOT NULL,\n"
                + "    " + quote("success") + " BOOLEAN NOT NULL\n"
                + ");\n"
                + MigrationLock.createScript(this, table.getName());
        return baseline ? script + getBaselineStatement(table) + ";\n" : script;
    }

    @Override
    public boolean supportsDdlTransactions() {
        return true;
    }

    @Override
    public String getBooleanTrue() {
        return "TRUE";
    }

    @Override
    public String getBooleanFalse() {
        return "FALSE";
    }

    @Override
    public String doQuote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    protected String getEscapedQuote() {
        return "\"\"";
    }

    @Override
    public boolean catalogIsSchema() {
        return false;
    }

    @Override
    public boolean useSingleConnection() {
        return false;
    }
}
