/**
 * Rows and index entries as keys and values, and writing them: row keys are {@code table id | primary
 * key columns} (memcomparable, see {@code io.shardsql.storage.keys}), row values hold column values by
 * column id ({@link io.shardsql.sql.rows.RowCodec}); index entries are {@code index id | indexed columns
 * [| pk]} ({@link io.shardsql.sql.rows.IndexKeys}). {@link io.shardsql.sql.rows.TableWriter} writes rows
 * inside a transaction with their constraints checked first (CHECK constraints through
 * {@link io.shardsql.sql.rows.CheckConstraints}, which the SQL engine implements) and their index entries kept
 * in step.
 * {@link io.shardsql.sql.rows.RowFilter} is the filter program the shards run over the row values they
 * scan (a WHERE pushed down).
 */
package io.shardsql.sql.rows;
