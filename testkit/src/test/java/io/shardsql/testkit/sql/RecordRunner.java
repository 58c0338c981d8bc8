package io.shardsql.testkit.sql;

import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.exec.ResultColumn;
import io.shardsql.sql.exec.RowCursor;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.StatementResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Runs one {@link ScriptRecord} in a session and says how it differs from what the record expects:
 * {@code null} when it matches, otherwise a message naming the file and line, the SQL, and the expected
 * and actual outcome.
 */
final class RecordRunner {
    private final Session session;

    RecordRunner(Session session) {
        this.session = session;
    }

    /** The mismatch, or {@code null} if the record ran as expected. */
    String run(ScriptRecord record) {
        try {
            if (record instanceof ScriptRecord.StatementOk r) return statementOk(r);
            if (record instanceof ScriptRecord.StatementCount r) return statementCount(r);
            if (record instanceof ScriptRecord.ExpectError r) return expectError(r);
            if (record instanceof ScriptRecord.Query r) return query(r);
            return plan((ScriptRecord.Plan) record);
        } catch (ShardSqlException e) {
            String expected = record instanceof ScriptRecord.ExpectError x ? "error " + x.sqlState() : "success";
            return mismatch(record, expected, "error " + e.code().sqlState() + ": " + e.getMessage());
        } catch (RuntimeException | Error e) { // Calcite's AssertionErrors included
            String expected = record instanceof ScriptRecord.ExpectError x ? "error " + x.sqlState() : "success";
            return mismatch(record, expected, "not a ShardSqlException: " + e);
        }
    }

    private String statementOk(ScriptRecord.StatementOk r) {
        StatementResult result = session.execute(r.sql(), List.of());
        if (result instanceof StatementResult.Rows rows) read(rows);
        return null;
    }

    private String statementCount(ScriptRecord.StatementCount r) {
        StatementResult result = session.execute(r.sql(), List.of());
        if (result instanceof StatementResult.UpdateCount c && c.count() == r.count()) return null;
        return mismatch(r, "count " + r.count(), describe(result));
    }

    private String expectError(ScriptRecord.ExpectError r) {
        StatementResult result;
        try {
            result = session.execute(r.sql(), List.of());
            if (result instanceof StatementResult.Rows rows) {
                List<String> lines = read(rows); // errors may come while rows are read
                return mismatch(r, expectedError(r), String.join("\n", lines) + (lines.isEmpty() ? "(no rows)" : ""));
            }
        } catch (ShardSqlException e) {
            String state = e.code().sqlState();
            boolean messageOk = r.messagePart() == null
                    || String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains(r.messagePart().toLowerCase(Locale.ROOT));
            if (state.equals(r.sqlState()) && messageOk) return null;
            return mismatch(r, expectedError(r), "error " + state + ": " + e.getMessage());
        }
        return mismatch(r, expectedError(r), describe(result));
    }

    private String query(ScriptRecord.Query r) {
        StatementResult result = session.execute(r.sql(), List.of());
        if (!(result instanceof StatementResult.Rows rows)) return mismatch(r, "rows", describe(result));
        List<String> actual = new ArrayList<>();
        if (r.columnNames()) actual.add(rows.columns().stream().map(ResultColumn::name).collect(Collectors.joining(ValueFormat.COLUMN_SEPARATOR)));
        List<String> values = read(rows);
        List<String> expected = new ArrayList<>(r.expected());
        if (r.sort() == ScriptRecord.Sort.ROWSORT) {
            values.sort(null);
            int from = r.columnNames() && !expected.isEmpty() ? 1 : 0;
            expected.subList(from, expected.size()).sort(null);
        }
        actual.addAll(values);
        if (actual.equals(expected)) return null;
        return mismatch(r, lines(expected), lines(actual));
    }

    private String plan(ScriptRecord.Plan r) {
        String sql = r.sql().regionMatches(true, 0, "EXPLAIN", 0, 7) ? r.sql() : "EXPLAIN PLAN FOR " + r.sql();
        StatementResult result = session.execute(sql, List.of());
        if (!(result instanceof StatementResult.Rows rows)) return mismatch(r, "a plan", describe(result));
        List<String> plan = read(rows);
        int at = 0;
        for (String part : r.expected()) {
            while (at < plan.size() && !plan.get(at).contains(part)) at++;
            if (at == plan.size()) {
                return mismatch(r, "plan lines containing, in order:\n" + lines(r.expected()), lines(plan));
            }
        }
        return null;
    }

    private static List<String> read(StatementResult.Rows rows) {
        List<String> out = new ArrayList<>();
        try (RowCursor cursor = rows.cursor()) {
            while (cursor.hasNext()) out.add(ValueFormat.row(cursor.next()));
        }
        return out;
    }

    private static String describe(StatementResult result) {
        if (result instanceof StatementResult.UpdateCount c) return "count " + c.count();
        if (result instanceof StatementResult.Done d) return "done (" + d.tag() + ")";
        List<String> rows = read((StatementResult.Rows) result);
        return rows.isEmpty() ? "(no rows)" : "rows:\n" + lines(rows);
    }

    private static String expectedError(ScriptRecord.ExpectError r) {
        return "error " + r.sqlState() + (r.messagePart() == null ? "" : " with a message containing '" + r.messagePart() + "'");
    }

    private static String lines(List<String> lines) {
        return lines.isEmpty() ? "(no rows)" : String.join("\n", lines);
    }

    static String mismatch(ScriptRecord r, String expected, String actual) {
        return r.location() + ": " + r.sql().replace("\n", "\n    ") + "\n--- expected:\n" + expected + "\n--- actual:\n" + actual;
    }
}
