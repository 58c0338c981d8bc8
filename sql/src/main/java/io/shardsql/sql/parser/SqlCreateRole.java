package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code CREATE ROLE [IF NOT EXISTS] name}: a role, which holds privileges and is granted to users. */
public final class SqlCreateRole extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE ROLE", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCreateRole(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1]);
        }
    };

    private final SqlIdentifier name;

    public SqlCreateRole(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
    }

    public SqlIdentifier name() { return name; }

    public boolean ifNotExists() { return ifNotExists; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(ShardSqlParserUtil.flag(ifNotExists), name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE ROLE");
        if (ifNotExists) writer.keyword("IF NOT EXISTS");
        name.unparse(writer, 0, 0);
    }
}
