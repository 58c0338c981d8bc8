package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/** The table constraint {@code [CONSTRAINT name] PRIMARY KEY (col, ...)} of {@code CREATE TABLE}. */
public final class SqlPrimaryKey extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("PRIMARY KEY", SqlKind.PRIMARY_KEY) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlPrimaryKey(pos, (SqlIdentifier) operands[0], (SqlNodeList) operands[1]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNodeList columns;

    /** {@code name} is the constraint's name, or null if it has none. */
    public SqlPrimaryKey(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns) {
        super(pos);
        this.name = name;
        this.columns = columns;
    }

    /** The constraint's name, or null. */
    public SqlIdentifier name() { return name; }

    /** The key's columns, in key order. */
    public SqlNodeList columns() { return columns; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return ImmutableNullableList.of(name, columns); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword("PRIMARY KEY");
        ShardSqlParserUtil.unparseList(writer, columns);
    }
}
