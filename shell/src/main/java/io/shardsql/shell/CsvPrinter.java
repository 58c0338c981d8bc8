package io.shardsql.shell;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/**
 * Comma-separated values with RFC 4180 quoting: a header line of column labels, then one line per row. A field
 * is quoted when it contains a comma, a double quote, CR or LF, or is the empty string; quotes inside it are
 * doubled. NULL is an empty, unquoted field, so it differs from {@code ""} (PostgreSQL's COPY does the same).
 * Lines end with LF. Each result of a script gets its own header line.
 */
final class CsvPrinter implements ResultPrinter {
    private final PrintWriter out;

    public CsvPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public boolean statusWithRows() {
        return false;
    }

    @Override
    public long print(Rows rows) throws SQLException {
        List<Column> columns = rows.columns();
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) line.append(',');
            field(line, columns.get(i).label());
        }
        out.print(line.append('\n'));
        long count = 0;
        while (rows.next()) {
            line.setLength(0);
            for (int i = 0; i < columns.size(); i++) {
                if (i > 0) line.append(',');
                Object v = rows.value(i);
                if (v != null) field(line, Values.text(v));
            }
            out.print(line.append('\n'));
            count++;
        }
        return count;
    }

    static void field(StringBuilder sb, String s) {
        boolean quote = s.isEmpty();
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            sb.append(s);
            return;
        }
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') sb.append('"');
            sb.append(c);
        }
        sb.append('"');
    }
}
