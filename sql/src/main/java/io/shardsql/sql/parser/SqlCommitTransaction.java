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

/** {@code COMMIT [WORK | TRANSACTION]}: ends the current transaction, keeping its writes. */
public final class SqlCommitTransaction extends SqlCall implements SqlTransactionControl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COMMIT", SqlKind.COMMIT) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCommitTransaction(pos);
        }
    };

    public SqlCommitTransaction(SqlParserPos pos) {
        super(pos);
    }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("COMMIT");
    }
}
