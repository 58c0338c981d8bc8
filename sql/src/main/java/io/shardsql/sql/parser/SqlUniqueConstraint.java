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

/**
 * {@code [CONSTRAINT name] UNIQUE (col, ...)} of a table, or {@code [CONSTRAINT name] UNIQUE} written on a
 * column (then its one column is that column). The catalog backs it with a unique index.
 */
public final class SqlUniqueConstraint extends SqlCall implements SqlTableConstraint {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("UNIQUE", SqlKind.UNIQUE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlUniqueConstraint(pos, (SqlIdentifier) operands[0], (SqlNodeList) operands[1]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNodeList columns;

    /** {@code name}: the constraint's name, or null if it has none. */
    public SqlUniqueConstraint(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns) {
        super(pos);
        this.name = name;
        this.columns = columns;
    }

    @Override
    public SqlIdentifier name() { return name; }

    /** The columns whose values together are unique, in the order written. */
    public SqlNodeList columns() { return columns; }

    /** The column names, in the order written. */
    public List<String> columnNames() {
        return columns.stream().map(c -> ((SqlIdentifier) c).getSimple()).toList();
    }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return ImmutableNullableList.of(name, columns); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparseName(writer);
        writer.keyword("UNIQUE");
        ShardSqlParserUtil.unparseList(writer, columns);
    }

    /** {@code [CONSTRAINT name] UNIQUE} as written on its column. */
    void unparseOnColumn(SqlWriter writer) {
        unparseName(writer);
        writer.keyword("UNIQUE");
    }

    private void unparseName(SqlWriter writer) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
    }
}
