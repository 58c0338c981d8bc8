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

/** {@code ALTER TABLE table ADD [COLUMN] [IF NOT EXISTS] column-definition}. */
public final class SqlAlterTableAddColumn extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE ADD COLUMN", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableAddColumn(pos, (SqlIdentifier) operands[0], ShardSqlParserUtil.flag(operands[1]),
                    (SqlColumnDef) operands[2]);
        }
    };

    private final SqlIdentifier table;
    private final boolean ifNotExists;
    private final SqlColumnDef column;

    public SqlAlterTableAddColumn(SqlParserPos pos, SqlIdentifier table, boolean ifNotExists, SqlColumnDef column) {
        super(OPERATOR, pos);
        this.table = table;
        this.ifNotExists = ifNotExists;
        this.column = column;
    }

    public SqlIdentifier table() { return table; }

    public boolean ifNotExists() { return ifNotExists; }

    public SqlColumnDef column() { return column; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, ShardSqlParserUtil.flag(ifNotExists), column); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("ADD COLUMN");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        column.unparse(writer, 0, 0);
    }
}
