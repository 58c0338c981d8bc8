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
 * {@code SHOW SNAPSHOTS}: every snapshot the cluster's registry knows, one row each (the columns of
 * {@code sys.snapshots}). Its kind is {@code OTHER}: it returns rows but is not a query the planner sees.
 */
public final class SqlShowSnapshots extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW SNAPSHOTS", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlShowSnapshots(pos);
        }
    };

    public SqlShowSnapshots(SqlParserPos pos) {
        super(pos);
    }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW SNAPSHOTS");
    }
}
