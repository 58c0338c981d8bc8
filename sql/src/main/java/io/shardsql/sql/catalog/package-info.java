/**
 * The catalog: tables, their columns (with stable ids, so ADD/DROP COLUMN never rewrites rows), primary
 * keys and indexes; sequences; views ({@link io.shardsql.sql.catalog.ViewDef}: a query kept as text). Stored in
 * the {@code control} group under {@code \0sys/catalog/}
 * ({@link io.shardsql.sql.catalog.CatalogKeys}), read and changed in transactions like data, so a
 * statement sees the catalog and the rows of one snapshot. {@link io.shardsql.sql.catalog.ControlCatalogStore}
 * implements {@link io.shardsql.sql.catalog.CatalogStore} with a per-node cache of decoded versions.
 */
package io.shardsql.sql.catalog;
