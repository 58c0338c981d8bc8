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

/**
 * {@code ALTER USER name [WITH] PASSWORD 'secret'}: sets a user's password. As with {@link SqlCreateUser},
 * {@link #toString} hides the password and {@link #unparse} does not.
 */
public final class SqlAlterUser extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER USER", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterUser(pos, (SqlIdentifier) operands[0], operands[1]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNode password;

    public SqlAlterUser(SqlParserPos pos, SqlIdentifier name, SqlNode password) {
        super(OPERATOR, pos);
        this.name = name;
        this.password = password;
    }

    public SqlIdentifier name() { return name; }

    /** The new password in clear text, as written. */
    public String password() { return ShardSqlParserUtil.string(password); }

    @Override
    public List<SqlNode> getOperandList() { return List.of(name, password); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER USER");
        name.unparse(writer, 0, 0);
        writer.keyword("PASSWORD");
        password.unparse(writer, 0, 0);
    }

    @Override
    public String toString() {
        return "ALTER USER " + name + " PASSWORD '***'";
    }
}
