package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code ALTER TABLE table DROP [COLUMN] [IF EXISTS] column}. */
public final class SqlAlterTableDropColumn extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE DROP COLUMN", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableDropColumn(pos, (SqlIdentifier) operands[0], ShardSqlParserUtil.flag(operands[1]),
                    (SqlIdentifier) operands[2]);
        }
    };

    private final SqlIdentifier table;
    private final boolean ifExists;
    private final SqlIdentifier column;

    public SqlAlterTableDropColumn(SqlParserPos pos, SqlIdentifier table, boolean ifExists, SqlIdentifier column) {
        super(OPERATOR, pos);
        this.table = table;
        this.ifExists = ifExists;
        this.column = column;
    }

    public SqlIdentifier table() { return table; }

    public boolean ifExists() { return ifExists; }

    public SqlIdentifier column() { return column; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, ShardSqlParserUtil.flag(ifExists), column); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("DROP COLUMN");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        column.unparse(writer, 0, 0);
    }
}
