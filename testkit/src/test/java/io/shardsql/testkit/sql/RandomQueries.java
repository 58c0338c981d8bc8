package io.shardsql.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random queries over {@link RandomData}'s tables: projections, WHERE trees of AND/OR/NOT over
 * comparisons, IS [NOT] NULL, BETWEEN and IN on key and non-key columns, GROUP BY with aggregates,
 * ORDER BY + LIMIT, joins of the two tables, DISTINCT. Only constructs whose results do not depend on
 * the engine's choices (ORDER BY always on a unique key when rows are compared in order).
 */
final class RandomQueries {
    /** A query and whether its rows must be compared in order. */
    record Query(String sql, boolean ordered) {}

    private static final String[] A_COLUMNS = {"k1", "k2", "i", "g", "d", "s", "f", "dt"};
    private static final String[] GROUP_COLUMNS = {"k1", "k2", "s", "f", "dt"};
    /** Not k1/k2: a select list naming a column twice makes ORDER BY k1 ambiguous to Calcite (a known bug). */
    private static final String[] VALUE_COLUMNS = {"i", "g", "d", "s", "f", "dt"};
    private static final String[] NUMERIC = {"i", "g", "d"};
    private static final String[] ORDERED = {"k1", "k2", "i", "g", "d", "s", "dt"}; // min/max: not BOOLEAN (PostgreSQL has none)

    private final Random r;

    RandomQueries(Random r) {
        this.r = r;
    }

    Query next() {
        return switch (r.nextInt(6)) {
            case 0, 1 -> new Query("SELECT " + columns("") + " FROM df_a WHERE " + predicate("", 2), false);
            case 2 -> grouped();
            case 3 -> new Query("SELECT k1, k2, " + pick(VALUE_COLUMNS) + " FROM df_a WHERE " + predicate("", 2)
                    + " ORDER BY k1 " + direction() + ", k2 " + direction() + " LIMIT " + (1 + r.nextInt(30))
                    + (r.nextBoolean() ? " OFFSET " + r.nextInt(20) : ""), true);
            case 4 -> join();
            default -> new Query("SELECT DISTINCT " + pick(GROUP_COLUMNS) + (r.nextBoolean() ? ", " + pick(GROUP_COLUMNS) : "")
                    + " FROM df_a WHERE " + predicate("", 1), false);
        };
    }

    private Query grouped() {
        String key = pick(GROUP_COLUMNS);
        String n = pick(NUMERIC);
        String aggregates = "count(*), count(" + n + "), sum(" + n + "), min(" + pick(A_COLUMNS) + "), max(" + pick(A_COLUMNS) + ")";
        String having = r.nextInt(3) == 0 ? " HAVING count(*) > " + r.nextInt(4) : "";
        return new Query("SELECT " + key + ", " + aggregates + " FROM df_a WHERE " + predicate("", 1) + " GROUP BY " + key + having, false);
    }

    private Query join() {
        String where = predicate("a.", 1) + (r.nextBoolean() ? " AND b.v " + comparison() + " " + r.nextInt(50) : "");
        return new Query("SELECT a.k1, a.k2, a." + pick(A_COLUMNS) + ", b.id, b.v, b.s FROM df_a a JOIN df_b b ON b.ak = a.k1 WHERE "
                + where, false);
    }

    private String columns(String prefix) {
        List<String> cols = new ArrayList<>();
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) cols.add(prefix + pick(A_COLUMNS));
        return String.join(", ", cols);
    }

    String predicate(String prefix, int depth) {
        if (depth == 0 || r.nextInt(3) == 0) return atom(prefix);
        return switch (r.nextInt(3)) {
            case 0 -> "(" + predicate(prefix, depth - 1) + " AND " + predicate(prefix, depth - 1) + ")";
            case 1 -> "(" + predicate(prefix, depth - 1) + " OR " + predicate(prefix, depth - 1) + ")";
            default -> "NOT (" + predicate(prefix, depth - 1) + ")";
        };
    }

    private String atom(String prefix) {
        String c = pick(A_COLUMNS);
        String col = prefix + c;
        return switch (r.nextInt(6)) {
            case 0 -> col + (r.nextBoolean() ? " IS NULL" : " IS NOT NULL");
            case 1 -> col + " BETWEEN " + literal(c) + " AND " + literal(c);
            case 2 -> col + (r.nextInt(4) == 0 ? " NOT IN (" : " IN (") + literal(c) + ", " + literal(c) + ", " + literal(c) + ")";
            default -> c.equals("f") ? col + (r.nextBoolean() ? "" : " = FALSE") : col + " " + comparison() + " " + literal(c);
        };
    }

    private String literal(String column) {
        return switch (column) {
            case "k1" -> String.valueOf(r.nextInt(RandomData.K1_RANGE));
            case "k2" -> "'" + RandomData.WORDS[r.nextInt(RandomData.WORDS.length)] + "'";
            case "i" -> String.valueOf(r.nextInt(201) - 100);
            case "g" -> String.valueOf((long) r.nextInt(2_000_000) * 1_000_003L);
            case "d" -> RandomData.decimal(r);
            case "s" -> "'" + RandomData.WORDS[r.nextInt(RandomData.WORDS.length)] + r.nextInt(3) + "'";
            case "f" -> r.nextBoolean() ? "TRUE" : "FALSE";
            case "dt" -> "DATE '2024-" + RandomData.two(1 + r.nextInt(12)) + "-" + RandomData.two(1 + r.nextInt(28)) + "'";
            default -> throw new IllegalArgumentException(column);
        };
    }

    private String comparison() {
        return pick(new String[] {"=", "<>", "<", "<=", ">", ">="});
    }

    private String direction() {
        return r.nextBoolean() ? "ASC" : "DESC";
    }

    private String pick(String[] options) {
        return options[r.nextInt(options.length)];
    }
}
