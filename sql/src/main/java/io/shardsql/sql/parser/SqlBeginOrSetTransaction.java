package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * A statement that names transaction modes (an isolation level and/or an access mode), as its
 * {@link Verb} says: {@code BEGIN [TRANSACTION | WORK] [mode, ...]} or {@code START TRANSACTION [mode, ...]}
 * starts a transaction and unparses as {@code START TRANSACTION}; {@code SET TRANSACTION mode [, mode]} sets
 * the modes of the current transaction (before its first read or write, as in PostgreSQL);
 * {@code SET SESSION CHARACTERISTICS AS TRANSACTION mode [, mode]} sets the default modes of the session's
 * transactions to come.
 */
public final class SqlBeginOrSetTransaction extends SqlCall implements SqlTransactionControl {

    /** What the statement does with its modes; each verb has its own operator and keywords. */
    public enum Verb {
        /** {@code BEGIN} / {@code START TRANSACTION}: a new transaction with these modes. */
        BEGIN("START TRANSACTION"),
        /** {@code SET TRANSACTION}: these modes for the current transaction. */
        SET("SET TRANSACTION"),
        /** {@code SET SESSION CHARACTERISTICS AS TRANSACTION}: these modes for the session's transactions to come. */
        SESSION("SET SESSION CHARACTERISTICS AS TRANSACTION");

        private final SqlOperator operator;

        Verb(String keywords) {
            this.operator = new SqlSpecialOperator(keywords, SqlKind.OTHER_DDL) {
                @Override
                public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
                    return new SqlBeginOrSetTransaction(pos, Verb.this, (SqlNodeList) operands[0]);
                }
            };
        }
    }

    private final Verb verb;
    private final SqlNodeList modes;

    /** The statement {@code verb} with {@code modes} (a list checked by {@link TransactionModes#check}). */
    public SqlBeginOrSetTransaction(SqlParserPos pos, Verb verb, SqlNodeList modes) {
        super(pos);
        this.verb = verb;
        this.modes = modes;
    }

    /** Whether the statement begins a transaction or sets the current one's modes. */
    public Verb verb() { return verb; }

    /**
     * The isolation level named, or null if the statement names none (for {@code BEGIN}: the session's
     * default).
     */
    public IsolationLevel isolationLevel() { return TransactionModes.isolationLevel(modes); }

    /**
     * The access mode named, or null if the statement names none (for {@code BEGIN}: the session's
     * default).
     */
    public AccessMode accessMode() { return TransactionModes.accessMode(modes); }

    @Override
    public SqlOperator getOperator() { return verb.operator; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(modes); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(verb.operator.getName());
        TransactionModes.unparse(writer, modes);
    }
}
