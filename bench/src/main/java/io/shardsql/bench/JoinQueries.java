package io.shardsql.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * The many-table joins of {@link JoinBench}: tables {@code jt1 .. jtN} of ten rows each,
 * {@code (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)}, row {@code i} of table {@code k} holding
 * {@code a = (3i + k) mod 10 + 1} (a permutation of the ids) and {@code b = 100i + k}; and three shapes of
 * join over the first {@code n} of them, each returning ten rows.
 */
enum JoinQueries {
    /** {@code FROM jt1, ..., jtN WHERE jt1.a = jt2.id AND jt2.a = jt3.id ...}: a chain, comma-joined. */
    CHAIN,
    /** {@code FROM jt1, ..., jtN WHERE jt1.id = jt2.id AND jt1.id = jt3.id ...}: a star around jt1. */
    STAR,
    /** {@code FROM jt1 JOIN jt2 ON jt1.a = jt2.id JOIN jt3 ON jt2.a = jt3.id ...}: the chain, explicit. */
    CHAIN_ON;

    static final int ROWS = 10;

    static String table(int k) {
        return "jt" + k;
    }

    static String createTable(int k) {
        return "CREATE TABLE " + table(k) + " (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER)";
    }

    static int a(int k, int i) {
        return (3 * i + k) % ROWS + 1;
    }

    static int b(int k, int i) {
        return 100 * i + k;
    }

    /** A multi-row INSERT of table {@code k}'s rows. */
    static String insert(int k) {
        StringJoiner rows = new StringJoiner(", ", "INSERT INTO " + table(k) + " VALUES ", "");
        for (int i = 1; i <= ROWS; i++) rows.add("(" + i + ", " + a(k, i) + ", " + b(k, i) + ")");
        return rows.toString();
    }

    /** The query over tables 1 to {@code n}: selects jt1.id and jtN.b, ordered by jt1.id. */
    String sql(int n) {
        StringBuilder s = new StringBuilder("SELECT jt1.id, " + table(n) + ".b FROM ");
        if (this == CHAIN_ON) {
            s.append(table(1));
            for (int k = 2; k <= n; k++) {
                s.append(" JOIN ").append(table(k)).append(" ON ").append(table(k - 1)).append(".a = ")
                        .append(table(k)).append(".id");
            }
        } else {
            StringJoiner from = new StringJoiner(", ");
            StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
            for (int k = 1; k <= n; k++) from.add(table(k));
            for (int k = 2; k <= n; k++) {
                where.add(this == STAR ? "jt1.id = " + table(k) + ".id" : table(k - 1) + ".a = " + table(k) + ".id");
            }
            s.append(from);
            if (n > 1) s.append(where);
        }
        return s.append(" ORDER BY jt1.id").toString();
    }

    /** The rows {@link #sql} returns, as {@code "id,b"}, in order. */
    List<String> expected(int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 1; i <= ROWS; i++) {
            int row = i;
            if (this != STAR) for (int k = 1; k < n; k++) row = a(k, row);
            rows.add(i + "," + b(n, row));
        }
        return rows;
    }
}
