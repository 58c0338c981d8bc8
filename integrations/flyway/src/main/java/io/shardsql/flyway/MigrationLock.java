package io.shardsql.flyway;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.internal.jdbc.JdbcTemplate;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

/**
 * The lock that keeps two Flyway runs from applying the same migration. ShardSQL has no advisory locks, so
 * the lock is one row of a table beside the schema history, {@code <history>_lock}:
 *
 * <pre>
 *   id INT PRIMARY KEY        always 1
 *   owner VARCHAR(64)         the run holding the lock (a random UUID), NULL when free
 *   generation BIGINT         raised by every run that takes the lock
 *   locked_at TIMESTAMP       when it was last taken
 * </pre>
 *
 * <p><b>Why not a row held with {@code SELECT ... FOR UPDATE} in a transaction:</b> Flyway would hold that
 * transaction open while the migrations run, and ShardSQL's online CREATE INDEX waits until every
 * transaction that began before it has ended (docs/sql.md, "online CREATE INDEX") — so a migration building
 * an index waited for the lock's own transaction and failed with 57014 after {@code sql.ddl.drain-timeout}.
 * The lock is therefore a lease written in short transactions of its own: {@link #acquire} sets
 * {@code owner} with {@code UPDATE ... WHERE owner IS NULL} (two runs racing for it conflict, and the loser's
 * commit fails with 40001 and it tries again), {@link #release} clears it. While it is held, Flyway reads and
 * writes the history in autocommit, and each read is a fresh snapshot, so the next holder sees every
 * migration the previous one recorded.
 *
 * <p>A run that cannot take the lock tries again every second, {@code lockRetryCount} times (Flyway's
 * setting, 50 by default; -1 waits forever), then fails naming the owner. A run that dies while it holds
 * the lock leaves it taken: once no Flyway runs, free it with
 * {@code UPDATE <history>_lock SET owner = NULL}. A missing lock table or row (a history table made by
 * something else) is created first.
 */
final class MigrationLock {
    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String DUPLICATE_TABLE = "42P07";
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private final JdbcTemplate jdbcTemplate;
    private final int retries;
    private final String lockTable;
    private final String owner = UUID.randomUUID().toString();

    MigrationLock(JdbcTemplate jdbcTemplate, ShardSqlDatabase database, String historyTable) {
        this.jdbcTemplate = jdbcTemplate;
        this.retries = database.getConfiguration().getLockRetryCount();
        this.lockTable = database.quote(lockTableName(historyTable));
    }

    /** The name of the lock table of the schema history table {@code historyTable}. */
    static String lockTableName(String historyTable) {
        return historyTable + "_lock";
    }

    /** Statements (each ending in {@code ;}) that create the lock table of {@code historyTable} and its row. */
    static String createScript(ShardSqlDatabase database, String historyTable) {
        String table = database.quote(lockTableName(historyTable));
        return createTable(table) + ";\n" + insertRow(table) + ";\n";
    }

    private static String createTable(String quotedTable) {
        return "CREATE TABLE IF NOT EXISTS " + quotedTable
                + " (id INT PRIMARY KEY, owner VARCHAR(64), generation BIGINT NOT NULL, locked_at TIMESTAMP)";
    }

    private static String insertRow(String quotedTable) {
        return "INSERT INTO " + quotedTable + " (id, generation) VALUES (1, 0) ON CONFLICT DO NOTHING";
    }

    /** Takes the lock (the connection must be in autocommit), waiting as the class comment says. */
    void acquire() {
        for (int attempt = 0; ; attempt++) {
            if (tryTake()) {
                return;
            }
            if (retries >= 0 && attempt >= retries) {
                throw new FlywayException("Unable to take the Flyway lock " + lockTable + " after " + (attempt + 1)
                        + " attempts: it is held by run " + currentOwner() + ". If no Flyway run is active, free it"
                        + " with UPDATE " + lockTable + " SET owner = NULL");
            }
            try {
                Thread.sleep(RETRY_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FlywayException("Interrupted while waiting for the Flyway lock " + lockTable, e);
            }
        }
    }

    /** Frees the lock if this run holds it; a lock table dropped meanwhile (by clean) needs no release. */
    void release() {
        for (int attempt = 0; ; attempt++) {
            try {
                jdbcTemplate.update("UPDATE " + lockTable + " SET owner = NULL WHERE id = 1 AND owner = ?", owner);
                return;
            } catch (SQLException e) {
                if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                    return;
                }
                if (!SERIALIZATION_FAILURE.equals(e.getSQLState()) || attempt >= 10) {
                    throw new FlywayException("Unable to release the Flyway lock " + lockTable, e);
                }
            }
        }
    }

    /** One attempt: true if this run holds the lock now. */
    private boolean tryTake() {
        try (PreparedStatement take = jdbcTemplate.getConnection().prepareStatement("UPDATE " + lockTable
                + " SET owner = ?, generation = generation + 1, locked_at = CURRENT_TIMESTAMP"
                + " WHERE id = 1 AND owner IS NULL")) {
            take.setString(1, owner);
            if (take.executeUpdate() == 1) {
                return true;
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                create();
                return false;
            }
            if (SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                return false; // another run took it at the same moment
            }
            throw new FlywayException("Unable to take the Flyway lock " + lockTable, e);
        }
        if (currentOwner() == null) {
            create(); // no row 1 (or the lock was freed just now: then this changes nothing)
        }
        return false;
    }

    private String currentOwner() {
        try {
            return jdbcTemplate.queryForString("SELECT owner FROM " + lockTable + " WHERE id = 1");
        } catch (SQLException e) {
            throw new FlywayException("Unable to read the Flyway lock " + lockTable, e);
        }
    }

    /** Creates the lock table and row, each in autocommit; losing a race to another run is fine. */
    private void create() {
        try {
            jdbcTemplate.execute(createTable(lockTable));
        } catch (SQLException e) {
            if (!SERIALIZATION_FAILURE.equals(e.getSQLState()) && !DUPLICATE_TABLE.equals(e.getSQLState())) {
                throw new FlywayException("Unable to create the lock table " + lockTable, e);
            }
        }
        try {
            jdbcTemplate.execute(insertRow(lockTable));
        } catch (SQLException e) {
            if (!SERIALIZATION_FAILURE.equals(e.getSQLState())) {
                throw new FlywayException("Unable to create the row of the lock table " + lockTable, e);
            }
        }
    }
}
