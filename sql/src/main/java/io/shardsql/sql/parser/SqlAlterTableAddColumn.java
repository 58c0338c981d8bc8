package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code ALTER TABLE table ADD [COLUMN] [IF NOT EXISTS] column-definition}. */
public final class SqlAlterTableAddColumn extends SqlAlterTableColumn<SqlColumnDef> {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE ADD COLUMN", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableAddColumn(pos, (SqlIdentifier) operands[0], ShardSqlParserUtil.flag(operands[1]),
                    (SqlColumnDef) operands[2]);
        }
    };

    /** The statement adding {@code column} to {@code table}, unless it exists with {@code ifNotExists}. */
    public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table, boolean ifNotExists, SqlColumnDef column) {
        super(OPERATOR, pos, table, ifNotExists, column, "ADD COLUMN", "IF NOT EXISTS");
    }

    /** Whether the statement says {@code IF NOT EXISTS}. */
    public boolean ifNotExists() { return conditional(); }
}
