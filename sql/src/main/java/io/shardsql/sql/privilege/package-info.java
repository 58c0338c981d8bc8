/**
 * Privileges as in PostgreSQL (docs/security.md, "Privileges"): who owns each table and sequence, what is
 * granted on it and on the database ({@link io.shardsql.sql.privilege.Acl}), the roles and their members, and
 * the answer to "may this user do that" ({@link io.shardsql.sql.privilege.Access}). The grants live in
 * the catalog ({@link io.shardsql.sql.privilege.Grants} is part of every catalog snapshot), so they
 * change in transactions, are the same on every node and go into every backup with the catalog.
 *
 * <p>Extension point: an object kind added later (views, schemas) gets an
 * {@link io.shardsql.sql.privilege.Acl} of its own in {@link io.shardsql.sql.privilege.Grants} under a
 * key of its own, and its statements ask {@link io.shardsql.sql.privilege.Access} as tables and sequences
 * do.
 */
package io.shardsql.sql.privilege;
