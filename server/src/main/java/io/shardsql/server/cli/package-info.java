/** {@code bin/shardsql}: picocli commands {@code start}, {@code node}, {@code status} and {@code sql} (the SQL shell, in {@code cli.shell}). */
package io.shardsql.server.cli;
