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
 * {@code SET TRANSACTION mode [, mode]}: sets the isolation level and/or the access mode of the current
 * transaction (before its first read or write, as in PostgreSQL).
 */
public final class SqlSetTransaction extends SqlCall implements SqlTransactionControl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SET TRANSACTION", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlSetTransaction(pos, (SqlNodeList) operands[0]);
        }
    };

    private final SqlNodeList modes;

    public SqlSetTransaction(SqlParserPos pos, SqlNodeList modes) {
        super(pos);
        this.modes = modes;
    }

    /** The isolation level to set, or null if the statement names none. */
    public IsolationLevel isolationLevel() { return TransactionModes.isolationLevel(modes); }

    /** The access mode to set, or null if the statement names none. */
    public AccessMode accessMode() { return TransactionModes.accessMode(modes); }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(modes); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SET TRANSACTION");
        TransactionModes.unparse(writer, modes);
    }
}
