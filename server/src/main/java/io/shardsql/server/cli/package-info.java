/** {@code bin/shardsql}: picocli commands {@code start}, {@code node} and {@code status}. */
package io.shardsql.server.cli;
