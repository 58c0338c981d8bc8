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

/**
 * {@code CREATE USER [IF NOT EXISTS] name [WITH] PASSWORD 'secret'}. {@link #unparse} writes the password
 * (the statement must survive a round trip); {@link #toString} does not, so logging a node is safe.
 */
public final class SqlCreateUser extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE USER", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCreateUser(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1],
                    operands[2]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNode password;

    /** {@code password} is the string literal after {@code PASSWORD}. */
    public SqlCreateUser(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNode password) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
        this.password = password;
    }

    public SqlIdentifier name() { return name; }

    public boolean ifNotExists() { return ifNotExists; }

    /** The password in clear text, as written. */
    public String password() { return ShardSqlParserUtil.string(password); }

    @Override
    public List<SqlNode> getOperandList() { return List.of(ShardSqlParserUtil.flag(ifNotExists), name, password); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE USER");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        writer.keyword("PASSWORD");
        password.unparse(writer, 0, 0);
    }

    @Override
    public String toString() {
        return "CREATE USER " + (ifNotExists ? "IF NOT EXISTS " : "") + name + " PASSWORD '***'";
    }
}
