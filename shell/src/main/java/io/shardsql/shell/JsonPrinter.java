package io.shardsql.shell;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;

/**
 * Each result as one JSON array of objects, one row object per line, keyed by column label:
 *
 * <pre>
 * [
 * {"ID":1,"NAME":"a"},
 * {"ID":2,"NAME":null}
 * ]
 * </pre>
 *
 * An empty result is {@code []}. A script with several queries prints several arrays one after the other (a
 * stream of JSON texts, as {@code jq} reads them). Numbers are JSON numbers (decimals without exponent; NaN and
 * infinities, which JSON has not, are strings), booleans are {@code true}/{@code false}, NULL is {@code null},
 * binary is a {@code "\\x0a1b"} string, everything else (dates, times, text) a string.
 */
final class JsonPrinter implements ResultPrinter {
    private final PrintWriter out;

    public JsonPrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public boolean statusWithRows() {
        return false;
    }

    @Override
    public long print(Rows rows) throws SQLException {
        List<Column> columns = rows.columns();
        String[] keys = new String[columns.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = string(new StringBuilder(), columns.get(i).label()).append(':').toString();
        }
        StringBuilder sb = new StringBuilder();
        long count = 0;
        while (rows.next()) {
            sb.setLength(0);
            sb.append(count == 0 ? "[\n{" : ",\n{");
            for (int i = 0; i < keys.length; i++) {
                if (i > 0) sb.append(',');
                value(sb.append(keys[i]), rows.value(i));
            }
            out.print(sb.append('}'));
            count++;
        }
        out.print(count == 0 ? "[]\n" : "\n]\n");
        return count;
    }

    static void value(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Double d && (d.isNaN() || d.isInfinite())
                || v instanceof Float f && (f.isNaN() || f.isInfinite())) {
            string(sb, v.toString());
        } else if (v instanceof Number) {
            sb.append(Values.text(v));
        } else {
            string(sb, Values.text(v));
        }
    }

    static StringBuilder string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"');
    }
}
