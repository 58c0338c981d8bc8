package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Arrays;
import java.util.List;

/** {@code CREATE [OR REPLACE] VIEW name [(column, ...)] AS query}. */
public final class SqlCreateView extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE VIEW", SqlKind.CREATE_VIEW) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCreateView(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1],
                    (SqlNodeList) operands[2], operands[3]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlNode query;

    /** {@code columns} is null when the statement names none (the query's names are taken). */
    public SqlCreateView(SqlParserPos pos, boolean replace, SqlIdentifier name, SqlNodeList columns, SqlNode query) {
        super(OPERATOR, pos, replace, false);
        this.name = name;
        this.columns = columns;
        this.query = query;
    }

    public SqlIdentifier name() { return name; }

    /** The column names written after the view's name, or null. */
    public SqlNodeList columns() { return columns; }

    /** The query the view stands for. */
    public SqlNode query() { return query; }

    /** Whether {@code OR REPLACE} was written. */
    public boolean orReplace() { return getReplace(); }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(ShardSqlParserUtil.flag(getReplace()), name, columns, query);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getReplace() ? "CREATE OR REPLACE VIEW" : "CREATE VIEW");
        name.unparse(writer, 0, 0);
        if (columns != null) ShardSqlParserUtil.unparseList(writer, columns);
        writer.keyword("AS");
        writer.newlineAndIndent();
        query.unparse(writer, 0, 0);
    }
}
