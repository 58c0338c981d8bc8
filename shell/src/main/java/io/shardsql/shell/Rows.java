package io.shardsql.shell;

import java.sql.SQLException;
import java.util.List;

/**
 * Rows to print, read forward once. A value is {@code null}, a {@link Number} ({@code Long},
 * {@code java.math.BigDecimal}, {@code Double} or {@code Float}), a {@link Boolean}, a {@code byte[]} or a
 * {@link String}; the printers format nothing else.
 */
interface Rows {
    List<Column> columns();

    /** Moves to the next row; false when there is none. */
    boolean next() throws SQLException;

    /** The current row's value of column {@code index} (0-based). */
    Object value(int index) throws SQLException;
}
