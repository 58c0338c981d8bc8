package io.shardsql.sql.exec;

import io.shardsql.sql.privilege.Privilege;

/**
 * One privilege a planned statement needs on one table it reads or writes; {@code system} for a table of
 * the {@code sys} schema (whose rules are {@link Authorizer#checkSystemTable}'s, not grants) or of
 * {@code information_schema} (named {@code information_schema.<table>}: anyone may read them).
 */
record TableNeed(String table, Privilege privilege, boolean system) {}
