package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/** {@code [CONSTRAINT name] CHECK (expression)}, on a column or on the table. */
public final class SqlCheckConstraint extends SqlCall implements SqlTableConstraint {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CHECK", SqlKind.CHECK) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCheckConstraint(pos, (SqlIdentifier) operands[0], operands[1]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNode expression;

    /** {@code name}: the constraint's name, or null if it has none. */
    public SqlCheckConstraint(SqlParserPos pos, SqlIdentifier name, SqlNode expression) {
        super(pos);
        this.name = name;
        this.expression = expression;
    }

    @Override
    public SqlIdentifier name() { return name; }

    /** The condition every row must not make FALSE. */
    public SqlNode expression() { return expression; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return ImmutableNullableList.of(name, expression); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
        writer.keyword("CHECK");
        SqlWriter.Frame frame = writer.startList("(", ")");
        expression.unparse(writer, 0, 0);
        writer.endList(frame);
    }
}
