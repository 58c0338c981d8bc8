package io.shardsql.jdbc.error;

import io.shardsql.protocol.message.ErrorReply;
import org.junit.jupiter.api.Test;

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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatObject;

class SqlErrorsTest {

    private static SQLException map(String state, int vendor) {
        return SqlErrors.fromReply(new ErrorReply(state, vendor, "boom", -1, -1), false);
    }

    @Test
    void eachSqlStateClassBecomesItsJdbcType() {
        assertThatObject(map("40001", 4000)).isInstanceOf(SQLTransactionRollbackException.class);
        assertThatObject(map("08006", 6003)).isInstanceOf(SQLRecoverableException.class);
        assertThatObject(map("08001", 0)).isInstanceOf(SQLNonTransientConnectionException.class);
        assertThatObject(map("08P01", 6000)).isInstanceOf(SQLNonTransientConnectionException.class);
        assertThatObject(map("28P01", 6002)).isInstanceOf(SQLInvalidAuthorizationSpecException.class);
        assertThatObject(map("42601", 5000)).isInstanceOf(SQLSyntaxErrorException.class);
        assertThatObject(map("42P01", 5001)).isInstanceOf(SQLSyntaxErrorException.class);
        assertThatObject(map("23505", 5011)).isInstanceOf(SQLIntegrityConstraintViolationException.class);
        assertThatObject(map("22012", 5022)).isInstanceOf(SQLDataException.class);
        assertThatObject(map("0A000", 5009)).isInstanceOf(SQLFeatureNotSupportedException.class);
        assertThatObject(map("XX000", 1000)).isExactlyInstanceOf(SQLException.class);
        assertThatObject(map("57014", 5100)).isExactlyInstanceOf(SQLException.class);
    }

    @Test
    void stateAndVendorCodeAreKeptButARetryableConflictHasVendorCodeZero() {
        SQLException e = map("23505", 5011);
        assertThat(e.getSQLState()).isEqualTo("23505");
        assertThat(e.getErrorCode()).isEqualTo(5011);
        assertThat(e.getMessage()).isEqualTo("boom");
        SQLException conflict = map("40001", 4000);
        assertThat(conflict.getSQLState()).isEqualTo("40001");
        assertThat(conflict.getErrorCode()).isZero();
    }

    @Test
    void cancelIsATimeoutOnlyWhenTheStatementHadAQueryTimeout() {
        ErrorReply cancelled = new ErrorReply("57014", 5100, "canceling statement", -1, -1);
        assertThatObject(SqlErrors.fromReply(cancelled, true)).isInstanceOf(SQLTimeoutException.class)
                .extracting(SQLException::getSQLState).isEqualTo("57014");
        assertThatObject(SqlErrors.fromReply(cancelled, false)).isNotInstanceOf(SQLTimeoutException.class);
    }

    @Test
    void theMessageLocatesASyntaxError() {
        SQLException e = SqlErrors.fromReply(new ErrorReply("42601", 5000, "unexpected FORM", 1, 10), false);
        assertThat(e.getMessage()).isEqualTo("unexpected FORM (line 1, column 10)");
    }

    @Test
    void driverSideErrors() {
        assertThatObject(SqlErrors.connectionBroken("gone", null)).isInstanceOf(SQLRecoverableException.class)
                .extracting(SQLException::getSQLState).isEqualTo("08006");
        assertThatObject(SqlErrors.unableToConnect("no", null)).isInstanceOf(SQLNonTransientConnectionException.class)
                .extracting(SQLException::getSQLState).isEqualTo("08001");
        assertThatObject(SqlErrors.unsupported("savepoints")).isInstanceOf(SQLFeatureNotSupportedException.class)
                .extracting(SQLException::getSQLState).isEqualTo("0A000");
        assertThatObject(SqlErrors.conversion("abc", "INTEGER")).isInstanceOf(SQLDataException.class);
    }
}
