package io.shardsql.flyway;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.database.base.Schema;
import org.flywaydb.core.internal.database.base.Table;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

import java.sql.SQLException;
import java.util.List;

/**
 * A schema as Flyway sees it, read from {@code information_schema}. User tables, views and sequences are all
 * in {@code public}; ShardSQL has no CREATE SCHEMA yet, so creating or dropping a schema is refused with a
 * clear error and Flyway must be pointed at {@code public} (its default here).
 *
 * <p>{@link #clean} drops the schema's views ({@code CASCADE}, so the order does not matter), then its
 * tables ({@code CASCADE}: their SERIAL and identity sequences go with them), then the sequences left. It is
 * only reached when Flyway's {@code cleanDisabled} is false (Flyway's default is true).
 */
public final class ShardSqlSchema extends Schema<ShardSqlDatabase, ShardSqlTable> {
    private static final String COUNT_SCHEMAS =
            "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?";
    private static final String COUNT_RELATIONS =
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = ?";
    private static final String COUNT_SEQUENCES =
            "SELECT count(*) FROM information_schema.sequences WHERE sequence_schema = ?";
    private static final String LIST_RELATIONS = "SELECT table_name FROM information_schema.tables"
            + " WHERE table_schema = ? AND table_type = ? ORDER BY table_name";
    private static final String LIST_SEQUENCES = "SELECT sequence_name FROM information_schema.sequences"
            + " WHERE sequence_schema = ? ORDER BY sequence_name";

    ShardSqlSchema(JdbcTemplate jdbcTemplate, ShardSqlDatabase database, String name) {
        super(jdbcTemplate, database, name);
    }

    @Override
    protected boolean doExists() throws SQLException {
        return jdbcTemplate.queryForInt(COUNT_SCHEMAS, name) > 0;
    }

    @Override
    protected boolean doEmpty() throws SQLException {
        return jdbcTemplate.queryForInt(COUNT_RELATIONS, name) == 0
                && jdbcTemplate.queryForInt(COUNT_SEQUENCES, name) == 0;
    }

    @Override
    protected void doCreate() {
        throw new FlywayException("ShardSQL has no CREATE SCHEMA yet: cannot create schema " + this
                + "; use schema \"public\"");
    }

    @Override
    protected void doDrop() {
        throw new FlywayException("ShardSQL has no DROP SCHEMA yet: cannot drop schema " + this
                + "; clean it instead");
    }

    @Override
    protected void doClean() throws SQLException {
        for (String view : jdbcTemplate.queryForStringList(LIST_RELATIONS, name, "VIEW")) {
            jdbcTemplate.execute("DROP VIEW IF EXISTS " + database.quote(view) + " CASCADE");
        }
        for (String table : jdbcTemplate.queryForStringList(LIST_RELATIONS, name, "BASE TABLE")) {
            jdbcTemplate.execute("DROP TABLE IF EXISTS " + database.quote(table) + " CASCADE");
        }
        for (String sequence : jdbcTemplate.queryForStringList(LIST_SEQUENCES, name)) {
            jdbcTemplate.execute("DROP SEQUENCE IF EXISTS " + database.quote(sequence));
        }
    }

    @Override
    protected ShardSqlTable[] doAllTables() throws SQLException {
        List<String> names = jdbcTemplate.queryForStringList(LIST_RELATIONS, name, "BASE TABLE");
        return names.stream().map(this::table).toArray(ShardSqlTable[]::new);
    }

    @Override
    public Table<ShardSqlDatabase, ShardSqlSchema> getTable(String tableName) {
        return table(tableName);
    }

    private ShardSqlTable table(String tableName) {
        return new ShardSqlTable(jdbcTemplate, database, this, tableName);
    }
}
