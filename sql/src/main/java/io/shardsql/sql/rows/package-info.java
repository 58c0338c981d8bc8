/**
 * Rows and index entries as keys and values: row keys are {@code table id | primary key columns}
 * (memcomparable, see {@code io.shardsql.storage.keys}), row values hold column values by column id.
 */
package io.shardsql.sql.rows;
