package io.shardsql.shell;

import java.sql.SQLException;

/** Writes one result in one output format. Implementations stream: memory does not grow with the row count. */
interface ResultPrinter {
    /** Prints every row of {@code rows} and returns how many there were. */
    long print(Rows rows) throws SQLException;

    /**
     * Whether row counts, timings and update counts may go on the same output as the rows. False for formats
     * meant for other programs (csv, json): their status lines go to standard error instead.
     */
    boolean statusWithRows();
}
