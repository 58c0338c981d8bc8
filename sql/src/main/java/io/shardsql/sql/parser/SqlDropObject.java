package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code DROP <object> [IF EXISTS] name}: what {@link SqlDropTable}, {@link SqlDropIndex}, {@link SqlDropSequence} and
 * {@link SqlDropUser} share.
 */
public abstract sealed class SqlDropObject extends SqlDrop permits SqlDropTable, SqlDropIndex, SqlDropUser,
        SqlDropSequence, SqlDropRole {
    private final SqlIdentifier name;

    SqlDropObject(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        super(operator, pos, ifExists);
        this.name = name;
    }

    public SqlIdentifier name() { return name; }

    public boolean ifExists() { return ifExists; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(ShardSqlParserUtil.flag(ifExists), name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getOperator().getName());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
    }
}
