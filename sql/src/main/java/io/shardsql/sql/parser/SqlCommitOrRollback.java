package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code COMMIT [WORK | TRANSACTION]} or {@code ROLLBACK [WORK | TRANSACTION]}, as its {@link Verb} says:
 * ends the current transaction, keeping or undoing its writes.
 */
public final class SqlCommitOrRollback extends SqlCall implements SqlTransactionControl {

    /** How the statement ends the transaction; each verb has its own operator, kind and keyword. */
    public enum Verb {
        /** {@code COMMIT}: keeps the transaction's writes. */
        COMMIT(SqlKind.COMMIT),
        /** {@code ROLLBACK}: undoes them. */
        ROLLBACK(SqlKind.ROLLBACK);

        private final SqlOperator operator;

        Verb(SqlKind kind) {
            this.operator = new SqlSpecialOperator(name(), kind) {
                @Override
                public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
                    return new SqlCommitOrRollback(pos, Verb.this);
                }
            };
        }
    }

    private final Verb verb;

    /** The statement {@code verb}. */
    public SqlCommitOrRollback(SqlParserPos pos, Verb verb) {
        super(pos);
        this.verb = verb;
    }

    /** Whether the statement commits or rolls back. */
    public Verb verb() { return verb; }

    @Override
    public SqlOperator getOperator() { return verb.operator; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(verb.operator.getName());
    }
}
