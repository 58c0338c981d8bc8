/**
 * The users who may connect: their SCRAM-SHA-256 credentials kept in the {@code control} group
 * ({@link io.shardsql.server.users.UserStore}, keys drawn there), the {@code admin} user made on a
 * cluster's first start ({@link io.shardsql.server.users.AdminBootstrap}), and the statements
 * CREATE/ALTER/DROP USER that change them (the SQL engine calls the store through
 * {@code io.shardsql.sql.exec.UserDirectory}).
 */
package io.shardsql.server.users;
