/**
 * SQL over the shards (ARCHITECTURE §6): the catalog, how rows and index entries are laid out as keys
 * and values, and — built on those — planning and execution through Apache Calcite. Every read and
 * write goes through the transaction API ({@code io.shardsql.txn}).
 */
package io.shardsql.sql;
