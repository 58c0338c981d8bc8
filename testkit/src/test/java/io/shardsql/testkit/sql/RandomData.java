package io.shardsql.testkit.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The tables both engines get: {@code df_a} with a composite key {@code (k1, k2)} and columns of several
 * types with NULLs, and {@code df_b} that refers to {@code df_a.k1}. Rows are made from a seeded
 * {@link Random} and written as literal SQL, so both engines receive the very same statements.
 */
final class RandomData {
    static final String[] WORDS = {"ant", "bee", "cat", "dog", "eel", "fox", "gnu", "hen"};
    static final int K1_RANGE = 40;

    private RandomData() {}

    static List<String> createTables() {
        return List.of(
                "CREATE TABLE df_a (k1 INT, k2 VARCHAR(8), i INT, g BIGINT, d DECIMAL(8,2), s VARCHAR(10), f BOOLEAN, dt DATE, "
                        + "PRIMARY KEY (k1, k2))",
                "CREATE TABLE df_b (id INT PRIMARY KEY, ak INT, v INT, s VARCHAR(10))");
    }

    static List<String> dropTables() {
        return List.of("DROP TABLE df_b", "DROP TABLE df_a");
    }

    /** INSERT statements of about {@code rowsA} rows for df_a and {@code rowsB} for df_b, in batches. */
    static List<String> inserts(Random r, int rowsA, int rowsB) {
        List<String> a = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        while (a.size() < rowsA) {
            int k1 = r.nextInt(K1_RANGE);
            String k2 = WORDS[r.nextInt(WORDS.length)];
            if (!keys.add(k1 + "/" + k2)) continue;
            a.add("(" + k1 + ", '" + k2 + "', " + maybe(r, String.valueOf(r.nextInt(201) - 100)) + ", "
                    + maybe(r, String.valueOf((long) r.nextInt(2_000_000) * 1_000_003L)) + ", "
                    + maybe(r, decimal(r)) + ", " + maybe(r, "'" + WORDS[r.nextInt(WORDS.length)] + r.nextInt(3) + "'") + ", "
                    + maybe(r, r.nextBoolean() ? "TRUE" : "FALSE") + ", "
                    + maybe(r, "DATE '2024-" + two(1 + r.nextInt(12)) + "-" + two(1 + r.nextInt(28)) + "'") + ")");
        }
        List<String> b = new ArrayList<>();
        for (int id = 0; id < rowsB; id++) {
            b.add("(" + id + ", " + maybe(r, String.valueOf(r.nextInt(K1_RANGE + 5))) + ", "
                    + maybe(r, String.valueOf(r.nextInt(50))) + ", " + maybe(r, "'" + WORDS[r.nextInt(WORDS.length)] + "'") + ")");
        }
        List<String> out = new ArrayList<>();
        batches("INSERT INTO df_a VALUES ", a, out);
        batches("INSERT INTO df_b VALUES ", b, out);
        return out;
    }

    private static void batches(String prefix, List<String> rows, List<String> out) {
        for (int i = 0; i < rows.size(); i += 50) out.add(prefix + String.join(", ", rows.subList(i, Math.min(rows.size(), i + 50))));
    }

    static String decimal(Random r) {
        return (r.nextInt(20001) - 10000) / 100 + "." + two(r.nextInt(100));
    }

    private static String maybe(Random r, String literal) {
        return r.nextInt(8) == 0 ? "NULL" : literal;
    }

    static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }
}
