package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code INSERT / UPDATE / DELETE ... RETURNING expr [AS name], ... | *}: the DML statement and the
 * expressions to compute over each row it wrote (inserted, new after update, deleted). Kind
 * {@code OTHER}: it returns rows, but the planner sees only its parts.
 */
public final class SqlReturning extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("RETURNING", SqlKind.OTHER);

    private final SqlCall statement;
    private final SqlNodeList expressions;

    public SqlReturning(SqlParserPos pos, SqlCall statement, SqlNodeList expressions) {
        super(pos);
        this.statement = statement;
        this.expressions = expressions;
    }

    /** The INSERT, UPDATE or DELETE. */
    public SqlCall statement() { return statement; }

    public SqlNodeList expressions() { return expressions; }

    /** The table the statement writes. */
    public SqlIdentifier table() {
        SqlNode target = statement instanceof SqlInsert i ? i.getTargetTable()
                : statement instanceof SqlUpdate u ? u.getTargetTable()
                : ((org.apache.calcite.sql.SqlDelete) statement).getTargetTable();
        return (SqlIdentifier) target;
    }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(statement, expressions); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        statement.unparse(writer, 0, 0);
        writer.keyword("RETURNING");
        ShardSqlParserUtil.unparseList(writer, expressions);
    }
}
