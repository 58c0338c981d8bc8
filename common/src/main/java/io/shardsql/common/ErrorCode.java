package io.shardsql.common;

/**
 * Every error ShardSQL raises has one of these codes. A code carries the SQLState a JDBC client will
 * see (ARCHITECTURE §8) and whether the operation may simply be retried.
 *
 * <p>Numbers are stable: they are the vendor code of the {@code SQLException} built at the edge.
 * Groups: 1xxx internal/config, 2xxx storage, 3xxx replication/cluster, 4xxx transactions, 5xxx SQL
 * (500x names and definitions, 501x constraints, 502x data, 503x transaction state), 6xxx connections
 * (wire protocol, authentication).
 */
public enum ErrorCode {
    INTERNAL(1000, "XX000", false),
    CONFIG_INVALID(1001, "F0000", false),
    DATA_DIR_INVALID(1002, "58030", false),
    PORT_IN_USE(1003, "08006", false),

    STORAGE_FAILURE(2000, "58030", false),
    STORAGE_CORRUPTED(2001, "XX001", false),
    KEY_ENCODING(2002, "22000", false),
    BAD_COMMAND(2003, "XX000", false),
    /** A write failed because a replica's disk is full (PostgreSQL's {@code disk_full}). */
    DISK_FULL(2004, "53100", false),

    /** A group has no leader right now, or the leader moved; try again. */
    UNAVAILABLE(3000, "08006", true),
    /** The operation did not finish before its deadline. */
    TIMEOUT(3001, "57014", false),
    CLUSTER_NOT_READY(3002, "57P03", true),
    /** The replica asked does not lead its group and the request must be served by the leader; ask it. */
    NOT_LEADER(3003, "08006", true),
    /**
     * A command larger than one Raft entry may carry ({@code raft.log.entry-max-bytes}, Ratis' appender
     * buffer byte limit): refused before it is proposed. A transaction whose writes to one shard do not fit
     * fails with it at commit, nothing written (PostgreSQL's program_limit_exceeded).
     */
    ENTRY_TOO_LARGE(3004, "54000", false),

    /** Another transaction wrote the key after this one's snapshot (first committer wins). */
    WRITE_CONFLICT(4000, "40001", true),
    /** The key carries a lock (intent) of an unfinished transaction. */
    KEY_LOCKED(4001, "40001", true),
    /** Waiting for another transaction's lock took longer than the lock-wait timeout. */
    LOCK_WAIT_TIMEOUT(4002, "40001", true),
    /** The transaction was aborted (by a conflict, an expired lock, or a failure during commit). */
    TXN_ABORTED(4003, "40001", true),
    /** The read timestamp is below the garbage-collection safe point: versions it needs may be gone. */
    SNAPSHOT_TOO_OLD(4004, "40001", true),
    /** The operation does not fit the transaction's state (used after commit or rollback). */
    TXN_STATE(4005, "25000", false),
    /** A write in a read-only transaction. */
    READ_ONLY_TRANSACTION(4006, "25006", false),
    /** Commit was requested but its outcome could not be learned (SQL's "completion unknown"). */
    TXN_OUTCOME_UNKNOWN(4007, "40003", false),
    /**
     * A commit below a snapshot epoch's fence arrived after the marker (ARCHITECTURE §5); retry with a new
     * timestamp.
     */
    EPOCH_FENCED(4008, "40001", true),
    /** A snapshot marker of an epoch older than one the group already applied (one snapshot at a time). */
    SNAPSHOT_EPOCH_STALE(4009, "55000", false),
    /**
     * The transaction's write buffer would grow past {@code txn.write-buffer-memory}: the write is refused
     * and the statement fails (PostgreSQL's out_of_memory, as CockroachDB's "memory budget exceeded").
     */
    WRITE_BUFFER_MEMORY_EXCEEDED(4010, "53200", false),
    /**
     * A row lock ({@code SELECT ... FOR UPDATE / FOR SHARE}) could not be taken: another transaction holds the
     * row and the statement said {@code NOWAIT}, or the wait passed {@code txn.lock-wait-timeout}
     * (PostgreSQL's lock_not_available).
     */
    LOCK_NOT_AVAILABLE(4011, "55P03", false),
    /**
     * A SERIALIZABLE transaction's reads were changed, or may have been, by a transaction that commits below
     * its commit timestamp (PostgreSQL's serialization_failure: "could not serialize access due to read/write
     * dependencies among transactions"); retry.
     */
    SERIALIZATION_FAILURE(4012, "40001", true),

    /** The statement does not parse; the message carries the line and column of the error. */
    SYNTAX_ERROR(5000, "42601", false),
    /** A table the statement names does not exist. */
    UNDEFINED_TABLE(5001, "42P01", false),
    /** A column the statement names does not exist. */
    UNDEFINED_COLUMN(5002, "42703", false),
    /** An index (or a type) the statement names does not exist. */
    UNDEFINED_OBJECT(5003, "42704", false),
    /** CREATE TABLE of a name that is taken. */
    DUPLICATE_TABLE(5004, "42P07", false),
    /** ADD COLUMN of a name the table already has. */
    DUPLICATE_COLUMN(5005, "42701", false),
    /** CREATE INDEX of a name that is taken (PostgreSQL: an index is a relation, hence 42P07). */
    DUPLICATE_INDEX(5006, "42P07", false),
    /** A table definition that cannot be (a column that cannot be dropped, a NOT NULL column without a value). */
    INVALID_TABLE_DEFINITION(5007, "42P16", false),
    /** A value, or a DEFAULT, of a type the column cannot take. */
    DATATYPE_MISMATCH(5008, "42804", false),
    /** Valid SQL that ShardSQL does not do (yet). */
    FEATURE_NOT_SUPPORTED(5009, "0A000", false),
    /** A NULL where the column (or a primary key) allows none. */
    NOT_NULL_VIOLATION(5010, "23502", false),
    /** A second row with the same primary key or unique index key. */
    UNIQUE_VIOLATION(5011, "23505", false),
    /** A row for which a CHECK constraint of its table is false (check_violation). */
    CHECK_VIOLATION(5012, "23514", false),
    /**
     * A row whose FOREIGN KEY values name no row of the referenced table, or a referenced row deleted or
     * changed while rows still reference it (foreign_key_violation).
     */
    FOREIGN_KEY_VIOLATION(5013, "23503", false),
    /**
     * A FOREIGN KEY whose referenced columns are not the referenced table's primary key or a UNIQUE constraint
     * (invalid_foreign_key).
     */
    INVALID_FOREIGN_KEY(5014, "42830", false),
    /** A string longer than its column's VARCHAR(n)/CHAR(n)/VARBINARY(n). */
    STRING_DATA_RIGHT_TRUNCATION(5020, "22001", false),
    /** A number outside its column's range (SMALLINT, INTEGER, DECIMAL(p, s)). */
    NUMERIC_VALUE_OUT_OF_RANGE(5021, "22003", false),
    /** Division by zero. */
    DIVISION_BY_ZERO(5022, "22012", false),
    /** A string that should spell a value of some type does not (a bad CAST or parameter). */
    INVALID_TEXT_REPRESENTATION(5023, "22P02", false),
    /** A statement that may not run inside a transaction block (CREATE INDEX, like PostgreSQL's CONCURRENTLY). */
    ACTIVE_SQL_TRANSACTION(5030, "25001", false),
    /** A statement inside a transaction block that an earlier error aborted. */
    IN_FAILED_TRANSACTION(5031, "25P02", false),

    // ---- statements (planning and execution)
    /** The statement was cancelled (by the client or its timeout). */
    QUERY_CANCELED(5100, "57014", false),
    /** The statement is not valid SQL for this database: a misuse of a clause, an unknown function... */
    INVALID_SQL(5101, "42000", false),
    /** A parameter was not bound, or too many were. */
    PARAMETER_COUNT(5102, "07001", false),
    /** A column that is neither grouped nor aggregated, or an aggregate where none may be. */
    GROUPING_ERROR(5103, "42803", false),
    /** No function of that name takes arguments of those types. */
    UNDEFINED_FUNCTION(5104, "42883", false),
    /** A column name that more than one table of the FROM clause has. */
    AMBIGUOUS_COLUMN(5105, "42702", false),
    /** A scalar sub-query returned more than one row. */
    CARDINALITY_VIOLATION(5106, "21000", false),
    /** A string that should spell a date, time or timestamp does not. */
    INVALID_DATETIME_FORMAT(5107, "22007", false),
    /** A date or time whose fields are out of range (month 13, February 30, hour 25). */
    DATETIME_FIELD_OVERFLOW(5111, "22008", false),
    /** An argument a function cannot take (an unknown unit for date_trunc or date_part). */
    INVALID_PARAMETER_VALUE(5112, "22023", false),
    /** The logarithm of zero or of a negative number. */
    INVALID_ARGUMENT_FOR_LOGARITHM(5113, "2201E", false),
    /** A session limit was reached: too many open cursors or prepared statements, a row too large to send. */
    PROGRAM_LIMIT_EXCEEDED(5108, "54000", false),
    /**
     * A statement nested too deeply to parse or plan (thousands of parentheses or operators), the way
     * PostgreSQL reports going past {@code max_stack_depth} (statement_too_complex).
     */
    STATEMENT_TOO_COMPLEX(5115, "54001", false),
    /**
     * A statement's sorts, join build sides, aggregate groups or the materialized input of its INSERT or UPDATE
     * hold more than {@code sql.statement-memory}: the statement fails, the node goes on (out_of_memory).
     */
    STATEMENT_MEMORY_EXCEEDED(5114, "53200", false),
    /** A cursor id that names no open cursor (closed, exhausted, or never opened). */
    INVALID_CURSOR(5109, "34000", false),
    /** A prepared statement id that names no prepared statement of the session. */
    INVALID_SQL_STATEMENT_NAME(5110, "26000", false),
    // ---- users
    /** CREATE USER of a name that is taken. */
    DUPLICATE_OBJECT(5200, "42710", false),
    /** DROP USER of the session's own user; SNAPSHOT while another snapshot runs. */
    OBJECT_IN_USE(5201, "55006", false),
    /**
     * The user lacks the privilege the statement needs (a table privilege, CREATE, ownership, admin or
     * backup); nothing was changed (PostgreSQL's insufficient_privilege).
     */
    INSUFFICIENT_PRIVILEGE(5202, "42501", false),
    /**
     * DROP of an object another one needs: a user or role that still owns tables, a sequence a table's column
     * owns (PostgreSQL's dependent_objects_still_exist).
     */
    DEPENDENT_OBJECTS_STILL_EXIST(5203, "2BP01", false),
    // ---- snapshots
    /** A backup name that is not a plain name under the backup root (.., absolute, a link, odd characters). */
    INVALID_BACKUP_NAME(5300, "42602", false),
    /** A backup that fails its checks (manifest, a file's checksum, a transaction half in it). */
    BACKUP_DAMAGED(5301, "XX001", false),

    // ---- sequences and generated columns
    /** nextval past a sequence's MAXVALUE (or below its MINVALUE). */
    SEQUENCE_LIMIT_EXCEEDED(5400, "2200H", false),
    /** currval of a sequence this session has not called nextval of (object_not_in_prerequisite_state). */
    OBJECT_NOT_IN_PREREQUISITE_STATE(5401, "55000", false),
    /** An explicit value for a GENERATED ALWAYS column (generated_always). */
    GENERATED_ALWAYS(5402, "428C9", false),

    // ---- views
    /** DROP VIEW of a table, DROP TABLE or TRUNCATE of a view, CREATE OR REPLACE VIEW of a table. */
    WRONG_OBJECT_TYPE(5500, "42809", false),
    /** A view whose query would read the view itself (PostgreSQL: "infinite recursion detected"). */
    INVALID_OBJECT_DEFINITION(5501, "42P17", false),

    // ---- connections (wire protocol, authentication)
    /** A frame or message that breaks the wire protocol (docs/protocol.md); the connection is closed. */
    PROTOCOL_VIOLATION(6000, "08P01", false),
    /** Client and server share no protocol version, or the server refuses the connection. */
    CONNECTION_REJECTED(6001, "08004", false),
    /** Unknown user or wrong password (one code for both, so a client cannot probe for user names). */
    INVALID_PASSWORD(6002, "28P01", false),
    /**
     * A login the server refuses without a password check: a client certificate that names no user, names
     * another user than the one asked for, or is a node's certificate (invalid_authorization_specification).
     */
    INVALID_AUTHORIZATION(6007, "28000", false),
    /** The connection was lost or closed while a request was in flight. */
    CONNECTION_FAILURE(6003, "08006", false),
    /** The session was idle longer than the server allows; the connection is closed. */
    IDLE_SESSION_TIMEOUT(6004, "57P05", false),
    /**
     * The session held a transaction open (a transaction block, or an open cursor) and sent nothing for
     * longer than {@code sql.idle-in-transaction-timeout}; the transaction is rolled back and the
     * connection closed (PostgreSQL's {@code idle_in_transaction_session_timeout}).
     */
    IDLE_IN_TRANSACTION_TIMEOUT(6006, "25P03", false),
    /** The node is shutting down; the connection is closed. */
    ADMIN_SHUTDOWN(6005, "57P01", false);

    private final int number;
    private final String sqlState;
    private final boolean retryable;

    ErrorCode(int number, String sqlState, boolean retryable) {
        this.number = number;
        this.sqlState = sqlState;
        this.retryable = retryable;
    }

    public int number() { return number; }

    public String sqlState() { return sqlState; }

    public boolean retryable() { return retryable; }

    public static ErrorCode ofNumber(int number) {
        for (ErrorCode c : values()) {
            if (c.number == number) return c;
        }
        return INTERNAL;
    }
}
