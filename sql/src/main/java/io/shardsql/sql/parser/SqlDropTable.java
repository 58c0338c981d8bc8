package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/**
 * {@code DROP TABLE [IF EXISTS] name [CASCADE | RESTRICT]}: drops a table and its rows and indexes (and with
 * CASCADE the views that use it).
 */
public final class SqlDropTable extends SqlDropObject {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP TABLE", SqlKind.DROP_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlDropTable(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1],
                    ShardSqlParserUtil.flag(operands[2]));
        }
    };

    public SqlDropTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        this(pos, ifExists, name, false);
    }

    public SqlDropTable(SqlParserPos pos, boolean ifExists, SqlIdentifier name, boolean cascade) {
        super(OPERATOR, pos, ifExists, name, cascade);
    }
}
