package io.shardsql.testkit.sql;

import io.shardsql.testkit.sql.ScriptRecord.Location;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SQL script file into its {@link ScriptRecord}s. The format is described in
 * {@code docs/testing.md}; in short, records are separated by blank lines, each starts with a header
 * ({@code statement ok}, {@code statement count N}, {@code statement error S}, {@code query ...}),
 * optionally preceded by {@code skipif bug <reason>}, followed by the SQL and, for queries, {@code ----}
 * and the expected lines. Lines starting with {@code #} between records are comments.
 *
 * <p>A malformed file is an {@link IllegalArgumentException} naming the file and line.
 */
final class ScriptParser {
    static final String SEPARATOR = "----";

    private final String file;
    private final List<String> lines;
    private int next; // 0-based index of the next line to read

    private ScriptParser(String file, String text) {
        this.file = file;
        this.lines = text.lines().toList();
    }

    static List<ScriptRecord> parse(String file, String text) {
        return new ScriptParser(file, text).records();
    }

    private List<ScriptRecord> records() {
        List<ScriptRecord> out = new ArrayList<>();
        while (skipBlankAndComments()) out.add(record());
        return out;
    }

    /** Moves past blank lines and comments; false at the end of the file. */
    private boolean skipBlankAndComments() {
        while (next < lines.size() && (lines.get(next).isBlank() || lines.get(next).startsWith("#"))) next++;
        return next < lines.size();
    }

    private ScriptRecord record() {
        String knownBug = null;
        if (lines.get(next).startsWith("skipif ")) {
            String[] w = lines.get(next).trim().split("\\s+", 3);
            if (w.length < 3 || !w[1].equals("bug")) throw malformed(next, "expected 'skipif bug <reason>'");
            knownBug = w[2];
            next++;
            if (!skipBlankAndComments()) throw malformed(next - 1, "'skipif' at the end of the file");
        }
        int headerLine = next;
        Location where = new Location(file, headerLine + 1);
        String[] header = lines.get(next++).trim().split("\\s+", 4);
        return switch (header[0]) {
            case "statement" -> statement(where, header, knownBug, headerLine);
            case "query" -> query(where, header, knownBug, headerLine);
            default -> throw malformed(headerLine, "expected 'statement' or 'query', found: " + lines.get(headerLine));
        };
    }

    private ScriptRecord statement(Location where, String[] h, String knownBug, int headerLine) {
        String mode = h.length > 1 ? h[1] : "";
        switch (mode) {
            case "ok" -> {
                return new ScriptRecord.StatementOk(where, sql(headerLine, false), knownBug);
            }
            case "count" -> {
                if (h.length != 3) throw malformed(headerLine, "expected 'statement count <n>'");
                long n;
                try {
                    n = Long.parseLong(h[2]);
                } catch (NumberFormatException e) {
                    throw malformed(headerLine, "not a count: " + h[2]);
                }
                return new ScriptRecord.StatementCount(where, sql(headerLine, false), knownBug, n);
            }
            case "error" -> {
                return error(where, h, knownBug, headerLine);
            }
            default -> throw malformed(headerLine, "expected 'statement ok|count <n>|error <sqlstate>'");
        }
    }

    private ScriptRecord query(Location where, String[] h, String knownBug, int headerLine) {
        if (h.length > 1 && h[1].equals("error")) return error(where, h, knownBug, headerLine);
        if (h.length > 1 && h[1].equals("plan")) {
            String sql = sql(headerLine, true);
            return new ScriptRecord.Plan(where, sql, knownBug, expected());
        }
        ScriptRecord.Sort sort = ScriptRecord.Sort.NOSORT;
        boolean columnNames = false;
        String options = String.join(" ", java.util.Arrays.copyOfRange(h, 1, h.length));
        for (String option : options.isBlank() ? new String[0] : options.split("\\s+")) {
            switch (option) {
                case "rowsort" -> sort = ScriptRecord.Sort.ROWSORT;
                case "nosort" -> sort = ScriptRecord.Sort.NOSORT;
                case "colnames" -> columnNames = true;
                default -> throw malformed(headerLine, "unknown query option: " + option);
            }
        }
        String sql = sql(headerLine, true);
        return new ScriptRecord.Query(where, sql, knownBug, sort, columnNames, expected());
    }

    private ScriptRecord error(Location where, String[] h, String knownBug, int headerLine) {
        if (h.length < 3) throw malformed(headerLine, "expected '" + h[0] + " error <sqlstate> [message part]'");
        if (!h[2].matches("[0-9A-Z]{5}")) throw malformed(headerLine, "not a SQLState: " + h[2]);
        String part = h.length > 3 ? h[3].trim() : null;
        return new ScriptRecord.ExpectError(where, sql(headerLine, false), knownBug, h[2], part);
    }

    /** The SQL lines after the header: up to a blank line (or, for a query, {@code ----}). */
    private String sql(int headerLine, boolean query) {
        List<String> sql = new ArrayList<>();
        while (next < lines.size() && !lines.get(next).isBlank() && !(query && lines.get(next).equals(SEPARATOR))) {
            sql.add(lines.get(next++));
        }
        if (sql.isEmpty()) throw malformed(headerLine, "a record without SQL");
        return String.join("\n", sql);
    }

    /** After a query's SQL: {@code ----} and the expected lines up to a blank line; none without {@code ----}. */
    private List<String> expected() {
        List<String> out = new ArrayList<>();
        if (next >= lines.size() || !lines.get(next).equals(SEPARATOR)) return out;
        next++;
        while (next < lines.size() && !lines.get(next).isBlank()) out.add(lines.get(next++));
        return out;
    }

    private IllegalArgumentException malformed(int line, String what) {
        return new IllegalArgumentException(file + ":" + (line + 1) + ": " + what);
    }
}
