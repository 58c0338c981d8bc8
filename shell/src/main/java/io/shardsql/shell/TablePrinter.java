package io.shardsql.shell;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Aligned columns for people:
 *
 * <pre>
 *  ID | NAME
 * ----+------
 *   1 | a
 *   2 | NULL
 * </pre>
 *
 * Column widths come from the header and the first {@code bufferRows} rows; later rows are printed as they
 * arrive, with the same widths (a longer value there pushes its line out of alignment rather than being cut).
 * A value longer than {@code maxWidth} characters is cut to that width and ends in {@code ...}. Numbers are
 * aligned right, NULL is printed as {@code NULL}, and line breaks and tabs inside values as {@code \n},
 * {@code \r}, {@code \t}, so one row is one line. Lines end with LF.
 */
final class TablePrinter implements ResultPrinter {
    static final int DEFAULT_BUFFER_ROWS = 1000;
    static final int DEFAULT_MAX_WIDTH = 60;

    private final PrintWriter out;
    private final int bufferRows;
    private final int maxWidth;

    public TablePrinter(PrintWriter out) {
        this(out, DEFAULT_BUFFER_ROWS, DEFAULT_MAX_WIDTH);
    }

    TablePrinter(PrintWriter out, int bufferRows, int maxWidth) {
        if (maxWidth < 4) throw new IllegalArgumentException("maxWidth < 4");
        this.out = out;
        this.bufferRows = bufferRows;
        this.maxWidth = maxWidth;
    }

    @Override
    public boolean statusWithRows() {
        return true;
    }

    @Override
    public long print(Rows rows) throws SQLException {
        List<Column> columns = rows.columns();
        int n = columns.size();
        int[] widths = new int[n];
        String[] header = new String[n];
        for (int i = 0; i < n; i++) {
            header[i] = cell(columns.get(i).label());
            widths[i] = header[i].length();
        }
        List<String[]> buffered = new ArrayList<>();
        boolean more;
        while ((more = rows.next()) && buffered.size() < bufferRows) {
            String[] row = row(rows, n);
            for (int i = 0; i < n; i++) widths[i] = Math.max(widths[i], row[i].length());
            buffered.add(row);
        }
        line(columns, widths, header);
        separator(widths);
        for (String[] row : buffered) line(columns, widths, row);
        long count = buffered.size();
        for (; more; more = rows.next()) {
            line(columns, widths, row(rows, n));
            count++;
        }
        return count;
    }

    private String[] row(Rows rows, int n) throws SQLException {
        String[] row = new String[n];
        for (int i = 0; i < n; i++) {
            Object v = rows.value(i);
            row[i] = v == null ? "NULL" : cell(Values.text(v));
        }
        return row;
    }

    /** One line, control characters made visible, cut to {@link #maxWidth}. */
    private String cell(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), maxWidth));
        for (int i = 0; i < s.length() && sb.length() <= maxWidth; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c < ' ' ? '?' : c);
            }
        }
        if (sb.length() > maxWidth) {
            sb.setLength(maxWidth - 3);
            sb.append("...");
        }
        return sb.toString();
    }

    private void line(List<Column> columns, int[] widths, String[] cells) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) sb.append(" |");
            sb.append(' ');
            int pad = Math.max(0, widths[i] - cells[i].length());
            if (columns.get(i).numeric()) sb.append(" ".repeat(pad)).append(cells[i]);
            else sb.append(cells[i]).append(" ".repeat(pad));
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') end--;
        sb.setLength(end);
        out.print(sb.append('\n'));
    }

    private void separator(int[] widths) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < widths.length; i++) {
            if (i > 0) sb.append('+');
            sb.append("-".repeat(widths[i] + 2));
        }
        out.print(sb.append('\n'));
    }
}
