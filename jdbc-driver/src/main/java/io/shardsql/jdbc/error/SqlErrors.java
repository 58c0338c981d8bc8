package io.shardsql.jdbc.error;

import io.shardsql.protocol.message.ErrorReply;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;

/**
 * Turns what the server reports ({@link ErrorReply}) and what the driver itself detects into the
 * {@link SQLException} subclass JDBC asks for, by SQLState class:
 * <pre>
 * 08006           SQLRecoverableException              the connection is gone: a pool must replace it
 * 08xxx (other)   SQLNonTransientConnectionException   could not connect (08001), refused (08004), 08P01
 * 0A000           SQLFeatureNotSupportedException
 * 22xxx           SQLDataException
 * 23xxx           SQLIntegrityConstraintViolationException
 * 28xxx           SQLInvalidAuthorizationSpecException
 * 40001           SQLTransactionRollbackException      vendor code 0: retry the transaction
 * 42xxx           SQLSyntaxErrorException
 * 57014           SQLTimeoutException                  only when the statement had a query timeout
 * other           SQLException
 * </pre>
 */
public final class SqlErrors {
    /** Could not establish a connection. */
    public static final String UNABLE_TO_CONNECT = "08001";
    /** The connection broke (or a protocol error made it untrustworthy). */
    public static final String CONNECTION_FAILURE = "08006";
    public static final String PROTOCOL_VIOLATION = "08P01";
    public static final String FEATURE_NOT_SUPPORTED = "0A000";
    public static final String QUERY_CANCELED = "57014";
    /** A general error detected by the driver (bad argument, wrong state). */
    public static final String GENERAL = "HY000";
    /** A column index or name that the result does not have. */
    public static final String INVALID_COLUMN = "42703";
    /** A value that cannot be converted to the type asked for. */
    public static final String INVALID_CONVERSION = "22018";
    /** The object (connection, statement, result set) is closed. */
    public static final String OBJECT_CLOSED = "HY010";
    public static final String INVALID_TRANSACTION_STATE = "25000";

    private SqlErrors() {}

    /** The exception a server error becomes; {@code hadQueryTimeout}: the request carried a timeout. */
    public static SQLException fromReply(ErrorReply e, boolean hadQueryTimeout) {
        String message = e.line() > 0 ? e.message() + " (line " + e.line() + ", column " + e.column() + ")"
                : e.message();
        if (QUERY_CANCELED.equals(e.sqlState()) && hadQueryTimeout) {
            return new SQLTimeoutException(message, e.sqlState(), e.vendorCode());
        }
        return of(e.sqlState(), e.vendorCode(), message, null);
    }

    /** The exception for a SQLState, vendor code and message. */
    public static SQLException of(String sqlState, int vendorCode, String message, Throwable cause) {
        String cls = sqlState.length() >= 2 ? sqlState.substring(0, 2) : "";
        if (CONNECTION_FAILURE.equals(sqlState)) {
            return new SQLRecoverableException(message, sqlState, vendorCode, cause);
        }
        if ("40001".equals(sqlState)) return new SQLTransactionRollbackException(message, sqlState, 0, cause);
        if (FEATURE_NOT_SUPPORTED.equals(sqlState)) {
            return new SQLFeatureNotSupportedException(message, sqlState, vendorCode, cause);
        }
        return switch (cls) {
            case "08" -> new SQLNonTransientConnectionException(message, sqlState, vendorCode, cause);
            case "22" -> new SQLDataException(message, sqlState, vendorCode, cause);
            case "23" -> new SQLIntegrityConstraintViolationException(message, sqlState, vendorCode, cause);
            case "28" -> new SQLInvalidAuthorizationSpecException(message, sqlState, vendorCode, cause);
            case "40" -> new SQLTransactionRollbackException(message, sqlState, vendorCode, cause);
            case "42" -> new SQLSyntaxErrorException(message, sqlState, vendorCode, cause);
            default -> new SQLException(message, sqlState, vendorCode, cause);
        };
    }

    public static SQLException connectionBroken(String message, Throwable cause) {
        return of(CONNECTION_FAILURE, 0, message, cause);
    }

    public static SQLException unableToConnect(String message, Throwable cause) {
        return of(UNABLE_TO_CONNECT, 0, message, cause);
    }

    public static SQLFeatureNotSupportedException unsupported(String what) {
        return new SQLFeatureNotSupportedException(what + " is not supported by the ShardSQL driver",
                FEATURE_NOT_SUPPORTED);
    }

    public static SQLException closed(String what) {
        return new SQLException(what + " is closed", OBJECT_CLOSED);
    }

    public static SQLException general(String message) {
        return new SQLException(message, GENERAL);
    }

    public static SQLException conversion(Object value, String target) {
        return new SQLDataException("cannot convert " + describe(value) + " to " + target, INVALID_CONVERSION);
    }

    private static String describe(Object value) {
        if (value == null) return "NULL";
        String s = String.valueOf(value);
        if (s.length() > 40) s = s.substring(0, 40) + "...";
        return value.getClass().getSimpleName() + " '" + s + "'";
    }
}
