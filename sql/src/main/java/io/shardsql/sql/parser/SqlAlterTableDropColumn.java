package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE table DROP [COLUMN] [IF EXISTS] column}. */
public final class SqlAlterTableDropColumn extends SqlAlterTableColumn<SqlIdentifier> {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE DROP COLUMN", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableDropColumn(pos, (SqlIdentifier) operands[0], ShardSqlParserUtil.flag(operands[1]),
                    (SqlIdentifier) operands[2]);
        }
    };

    /** The statement dropping {@code column} from {@code table}, unless it does not exist with {@code ifExists}. */
    public SqlAlterTableDropColumn(SqlParserPos pos, SqlIdentifier table, boolean ifExists, SqlIdentifier column) {
        super(OPERATOR, pos, table, ifExists, column, "DROP COLUMN", "IF EXISTS");
    }

    /** Whether the statement says {@code IF EXISTS}. */
    public boolean ifExists() { return conditional(); }
}
