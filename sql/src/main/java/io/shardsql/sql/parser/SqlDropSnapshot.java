package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code DROP SNAPSHOT 'name'}: removes a backup, its registry record and its files. The name is a string,
 * as in {@code SNAPSHOT TO 'name'} (it names a directory under the backup root, not a database object).
 */
public final class SqlDropSnapshot extends SqlDrop {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("DROP SNAPSHOT", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlDropSnapshot(pos, operands[0]);
        }
    };

    private final SqlNode name;

    /** {@code name} is the string literal after {@code SNAPSHOT}. */
    public SqlDropSnapshot(SqlParserPos pos, SqlNode name) {
        super(OPERATOR, pos, false);
        this.name = name;
    }

    /** The name of the backup to remove. */
    public String name() {
        return ShardSqlParserUtil.string(name);
    }

    @Override
    public List<SqlNode> getOperandList() { return List.of(name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("DROP SNAPSHOT");
        name.unparse(writer, 0, 0);
    }
}
