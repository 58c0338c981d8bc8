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
 * {@code BEGIN [TRANSACTION | WORK] [mode, ...]} or {@code START TRANSACTION [mode, ...]}: starts a
 * transaction, optionally with an isolation level and an access mode. Unparses as {@code START TRANSACTION}.
 */
public final class SqlBeginTransaction extends SqlCall implements SqlTransactionControl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("START TRANSACTION", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlBeginTransaction(pos, (SqlNodeList) operands[0]);
        }
    };

    private final SqlNodeList modes;

    public SqlBeginTransaction(SqlParserPos pos, SqlNodeList modes) {
        super(pos);
        this.modes = modes;
    }

    /** The isolation level asked for, or null for the session's default. */
    public IsolationLevel isolationLevel() { return TransactionModes.isolationLevel(modes); }

    /** The access mode asked for, or null for the session's default. */
    public AccessMode accessMode() { return TransactionModes.accessMode(modes); }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(modes); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("START TRANSACTION");
        TransactionModes.unparse(writer, modes);
    }
}
