package io.shardsql.testkit.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs list-append transactions over JDBC. A key's list is one row of {@value #TABLE}: {@code k}
 * the key, {@code v} its elements as decimal text joined by commas. An append is a read-modify-write
 * of that row ({@code UPDATE ... SET v = v || ',7'}, or an {@code INSERT} of the first element), so
 * two transactions appending to one key write the same row and the engine must order or refuse them:
 * every version of a key extends the one before it, and a read returns the version order itself.
 */
public final class ListAppendClient {
    /** The table holding the lists. */
    public static final String TABLE = "la_lists";

    private ListAppendClient() { }

    /** Creates the table. */
    public static void createTable(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + TABLE + " (k BIGINT PRIMARY KEY, v TEXT NOT NULL)");
        }
    }

    /**
     * Runs {@code ops} as one transaction on {@code c} (auto-commit off) and commits; returns the
     * steps with the reads' results. On an error the transaction is rolled back (if the connection
     * still can) and the error thrown.
     */
    public static List<MicroOp> run(Connection c, List<MicroOp> ops) throws SQLException {
        List<MicroOp> done = new ArrayList<>(ops.size());
        try (Statement s = c.createStatement()) {
            for (MicroOp op : ops) done.add(step(s, op));
            c.commit();
            return done;
        } catch (SQLException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection may be gone; its transaction with it
            }
            throw e;
        }
    }

    private static MicroOp step(Statement s, MicroOp op) throws SQLException {
        if (op instanceof MicroOp.Read r) return r.returning(read(s, r.key()));
        MicroOp.Append a = (MicroOp.Append) op;
        int updated = s.executeUpdate("UPDATE " + TABLE + " SET v = v || '," + a.value() + "' WHERE k = " + a.key());
        if (updated == 0) s.executeUpdate("INSERT INTO " + TABLE + " VALUES (" + a.key() + ", '" + a.value() + "')");
        return a;
    }

    private static List<Long> read(Statement s, long key) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT v FROM " + TABLE + " WHERE k = " + key)) {
            return rs.next() ? parse(rs.getString(1)) : List.of();
        }
    }

    /** A stored list ({@code "3,8,12"}) as its elements. */
    static List<Long> parse(String text) {
        if (text.isEmpty()) return List.of();
        return Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }

    /**
     * Every key's list in one transaction (one scan): reads of {@code keys}, those without a row empty.
     */
    public static List<MicroOp> readAll(Connection c, List<Long> keys) throws SQLException {
        java.util.Map<Long, List<Long>> lists = new java.util.HashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT k, v FROM " + TABLE)) {
            while (rs.next()) lists.put(rs.getLong(1), parse(rs.getString(2)));
        }
        c.commit();
        return keys.stream().<MicroOp>map(k -> new MicroOp.Read(k, lists.getOrDefault(k, List.of()))).toList();
    }

    /**
     * How an error leaves a transaction: {@link Outcome#FAILED} only for errors that say the database
     * refused it (40001 serialization failure or deadlock, 23xxx constraint, 22xxx data, 42xxx
     * statement, 25xxx transaction state); anything else — 40003 outcome unknown, 08xxx connection,
     * 57014 timeout, XX000, no SQLState — is {@link Outcome#UNKNOWN}.
     */
    public static Outcome outcomeOf(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.equals("40003")) return Outcome.UNKNOWN;
        if (state.startsWith("40") || state.startsWith("23") || state.startsWith("22") || state.startsWith("42")
                || state.startsWith("25")) {
            return Outcome.FAILED;
        }
        return Outcome.UNKNOWN;
    }
}
