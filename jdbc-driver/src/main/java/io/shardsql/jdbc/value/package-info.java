/**
 * Conversions between JDBC's Java values and the wire's typed values: reading
 * ({@link io.shardsql.jdbc.value.ValueConversions}, every {@code getXxx}) and binding parameters
 * ({@link io.shardsql.jdbc.value.ParameterValues}, every {@code setXxx}). No I/O.
 */
package io.shardsql.jdbc.value;
