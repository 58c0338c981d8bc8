/**
 * The catalog: tables, their columns (with stable ids, so ADD/DROP COLUMN never rewrites rows), primary
 * keys and indexes. Stored in the {@code control} group under {@code \0sys/catalog/}, read and changed
 * in transactions like data, so a statement sees the catalog and the rows of one snapshot.
 */
package io.shardsql.sql.catalog;
