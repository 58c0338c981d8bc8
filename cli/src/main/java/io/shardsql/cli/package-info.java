/**
 * {@code bin/shardsql}, the command line of ShardSQL: {@link io.shardsql.cli.ShardSqlCli} and its picocli
 * commands {@code start}, {@code node}, {@code status} (over the {@code server} module) and {@code sql} (options
 * and connection here, the shell itself in the {@code shell} module). Commands to come ({@code restore},
 * {@code backup verify}, {@code cert}) go here too; nothing below this module depends on it.
 */
package io.shardsql.cli;
