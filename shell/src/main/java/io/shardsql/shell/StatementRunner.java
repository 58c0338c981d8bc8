package io.shardsql.shell;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Set;

/**
 * Runs one SQL statement and prints what it gives: each result's rows through the {@link ResultPrinter}, then
 * {@code (3 rows, 1.2 ms)}; for an update count {@code INSERT 5 (0.8 ms)}, or the statement's first word for
 * statements that change no rows ({@code CREATE (2.0 ms)}). Timings run from sending the statement to printing
 * the last row. Rows stream: the statement asks for {@link #FETCH_SIZE} rows at a time and the printer writes
 * them as they come.
 */
final class StatementRunner {
    /** Rows per fetch asked of the driver (a hint; drivers may ignore it). */
    static final int FETCH_SIZE = 500;
    private static final Set<String> DML = Set.of("INSERT", "UPDATE", "DELETE", "MERGE", "UPSERT");

    private final Connection connection;
    private final ResultPrinter printer;
    private final PrintWriter out;
    private final PrintWriter status;
    private boolean timing = true;
    private volatile Statement running;

    /**
     * @param out    where the printer writes rows (flushed after each result)
     * @param status where row counts and timings go: {@code out} for the table format, standard error for the
     *               formats other programs read
     */
    public StatementRunner(Connection connection, ResultPrinter printer, PrintWriter out, PrintWriter status) {
        this.connection = connection;
        this.printer = printer;
        this.out = out;
        this.status = status;
    }

    public Connection connection() {
        return connection;
    }

    public ResultPrinter printer() {
        return printer;
    }

    public boolean timing() {
        return timing;
    }

    public void timing(boolean on) {
        this.timing = on;
    }

    /** Executes {@code sql} and prints all its results. */
    public void execute(String sql) throws SQLException {
        long start = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            fetchSize(st);
            running = st;
            boolean isResultSet = st.execute(sql);
            while (true) {
                if (isResultSet) {
                    long rows;
                    try (ResultSet rs = st.getResultSet()) {
                        rows = printer.print(new ResultSetRows(rs));
                    }
                    out.flush();
                    status.println(rowCount(rows, start));
                } else {
                    int count = st.getUpdateCount();
                    if (count == -1) break;
                    status.println(updateCount(sql, count, start));
                }
                isResultSet = st.getMoreResults();
            }
        } finally {
            running = null;
            out.flush();
            status.flush();
        }
    }

    /** Prints already open rows (meta-commands use this) with their row count. */
    public void print(Rows rows, long startNanos) throws SQLException {
        long n = printer.print(rows);
        out.flush();
        status.println(rowCount(n, startNanos));
        status.flush();
    }

    /** Asks the driver to cancel the running statement, if any (Ctrl-C at the prompt). */
    public void cancel() {
        Statement st = running;
        if (st == null) return;
        try {
            st.cancel();
        } catch (SQLException e) {
            // the statement finished or the driver cannot cancel: nothing more to do
        }
    }

    private static void fetchSize(Statement st) {
        try {
            st.setFetchSize(FETCH_SIZE);
        } catch (SQLException e) {
            // only a hint
        }
    }

    String rowCount(long rows, long startNanos) {
        String n = rows + (rows == 1 ? " row" : " rows");
        return timing ? "(" + n + ", " + elapsed(startNanos) + ")" : "(" + n + ")";
    }

    String updateCount(String sql, long count, long startNanos) {
        String verb = firstWord(sql);
        String text = DML.contains(verb) || count > 0 ? verb + " " + count : verb;
        return timing ? text + " (" + elapsed(startNanos) + ")" : text;
    }

    static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length() && Character.isLetter(sql.charAt(i))) i++;
        return i == 0 ? "OK" : sql.substring(0, i).toUpperCase(Locale.ROOT);
    }

    static String elapsed(long startNanos) {
        double ms = (System.nanoTime() - startNanos) / 1e6;
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f ms", ms) : String.format(Locale.ROOT, "%.1f s",
                ms / 1000);
    }
}
