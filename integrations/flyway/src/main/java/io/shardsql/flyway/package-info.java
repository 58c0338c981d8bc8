/**
 * A Flyway database plugin for ShardSQL (docs/integrations.md, "Flyway"). Flyway finds
 * {@link io.shardsql.flyway.ShardSqlDatabaseType} through its {@code org.flywaydb.core.extensibility.Plugin}
 * ServiceLoader file and picks it for {@code jdbc:shardsql:} URLs (or a connection whose product name is
 * ShardSQL). The rest follows Flyway's own split: the database ({@link io.shardsql.flyway.ShardSqlDatabase}:
 * schema history layout, quoting), connections, the one schema {@code public}, tables, the script parser
 * (which sends CREATE INDEX and ADD UNIQUE outside a transaction) and the migration lock
 * ({@link io.shardsql.flyway.MigrationLock}: a lease row beside the history, taken and freed in short
 * transactions, because an open transaction would hold up the online index builds of migrations).
 */
package io.shardsql.flyway;
