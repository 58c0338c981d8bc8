package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP ROLE [IF EXISTS] name}: drops a role and everything granted to it. */
public final class SqlDropRole extends SqlDropObject {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP ROLE", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlDropRole(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1]);
        }
    };

    public SqlDropRole(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos, ifExists, name);
    }
}
