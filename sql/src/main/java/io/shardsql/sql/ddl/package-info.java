/**
 * DDL execution: CREATE/DROP TABLE, ALTER TABLE ADD/DROP COLUMN, ADD/DROP CONSTRAINT (CHECK, UNIQUE),
 * CREATE/DROP INDEX over the catalog in {@code control}. Entry point {@link io.shardsql.sql.ddl.DdlExecutor};
 * one class per statement.
 * Catalog changes are transactional writes (they may run in the caller's transaction); CREATE INDEX is
 * built online in transactions of its own (WRITE_ONLY → drain → backfill → PUBLIC), see docs/sql.md.
 */
package io.shardsql.sql.ddl;
