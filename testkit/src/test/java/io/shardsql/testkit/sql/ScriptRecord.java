package io.shardsql.testkit.sql;

import java.util.List;

/**
 * One record of a SQL script file (see {@code docs/testing.md}): a statement or query with what it must
 * produce, where it stands in its file, and whether it is a known bug ({@code skipif bug <reason>}).
 */
public sealed interface ScriptRecord {

    /** The script file's name and the 1-based line of the record's first line (its kind). */
    Location location();

    /** The SQL text, possibly several lines joined with {@code \n}. */
    String sql();

    /** The reason given after {@code skipif bug}, or {@code null} when the record must pass. */
    String knownBug();

    /** Where a record stands: {@code file:line}. */
    record Location(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    /** {@code statement ok}: runs without error (a query's rows are read and dropped). */
    record StatementOk(Location location, String sql, String knownBug) implements ScriptRecord {}

    /** {@code statement count N}: an INSERT, UPDATE or DELETE that reports {@code N} rows. */
    record StatementCount(Location location, String sql, String knownBug, long count) implements ScriptRecord {}

    /**
     * {@code statement error S [text]} or {@code query error S [text]}: fails with SQLState {@code S}, and
     * with a message containing {@code text} (case-insensitive) when one is given.
     */
    record ExpectError(Location location, String sql, String knownBug, String sqlState, String messagePart)
            implements ScriptRecord {}

    /** How a query's rows are compared with the expected ones. */
    enum Sort {
        /** In the order the query returns them (the query's ORDER BY must fix it). */
        NOSORT,
        /** Both sides' rendered rows sorted as strings: a comparison of multisets. */
        ROWSORT
    }

    /**
     * {@code query [rowsort] [colnames]}: the rows, each rendered as its values joined by {@code " | "}
     * ({@link ValueFormat}); with {@code colnames}, the first expected line is the column names.
     */
    record Query(Location location, String sql, String knownBug, Sort sort, boolean columnNames, List<String> expected)
            implements ScriptRecord {}

    /**
     * {@code query plan}: runs {@code EXPLAIN PLAN FOR <sql>}; each expected line must occur, as a
     * substring, in a line of the plan, the expected lines matching plan lines in order.
     */
    record Plan(Location location, String sql, String knownBug, List<String> expected) implements ScriptRecord {}
}
