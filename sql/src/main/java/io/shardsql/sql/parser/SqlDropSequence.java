package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP SEQUENCE [IF EXISTS] name}: drops a sequence that no table owns. */
public final class SqlDropSequence extends SqlDropObject {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP SEQUENCE", SqlKind.DROP_SEQUENCE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlDropSequence(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1]);
        }
    };

    public SqlDropSequence(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists, name);
    }
}
