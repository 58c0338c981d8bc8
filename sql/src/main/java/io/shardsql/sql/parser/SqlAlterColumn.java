package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDdl;
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

/**
 * {@code ALTER TABLE t ALTER [COLUMN] c action}, action one of {@code [SET DATA] TYPE type},
 * {@code SET DEFAULT expr}, {@code DROP DEFAULT}, {@code SET NOT NULL}, {@code DROP NOT NULL}.
 */
public final class SqlAlterColumn extends SqlDdl {
    /** What the statement changes. */
    public enum Action { TYPE, SET_DEFAULT, DROP_DEFAULT, SET_NOT_NULL, DROP_NOT_NULL }

    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterColumn(pos, (SqlIdentifier) operands[0], (SqlIdentifier) operands[1],
                    ((SqlLiteral) operands[2]).getValueAs(Action.class), operands[3]);
        }
    };

    private final SqlIdentifier table;
    private final SqlIdentifier column;
    private final Action action;
    private final SqlNode argument;

    /** {@code argument}: the type (TYPE), the expression (SET DEFAULT), else null. */
    public SqlAlterColumn(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column, Action action,
                          SqlNode argument) {
        super(OPERATOR, pos);
        this.table = table;
        this.column = column;
        this.action = action;
        this.argument = argument;
    }

    public SqlIdentifier table() { return table; }

    public SqlIdentifier column() { return column; }

    public Action action() { return action; }

    /** The new type of {@code ALTER ... TYPE}. */
    public SqlDataTypeSpec type() { return (SqlDataTypeSpec) argument; }

    /** The expression of {@code SET DEFAULT}. */
    public SqlNode defaultValue() { return argument; }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(table, column, SqlLiteral.createSymbol(action, SqlParserPos.ZERO), argument);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("ALTER COLUMN");
        column.unparse(writer, 0, 0);
        switch (action) {
            case TYPE -> {
                writer.keyword("TYPE");
                argument.unparse(writer, 0, 0);
            }
            case SET_DEFAULT -> {
                writer.keyword("SET DEFAULT");
                argument.unparse(writer, 0, 0);
            }
            case DROP_DEFAULT -> writer.keyword("DROP DEFAULT");
            case SET_NOT_NULL -> writer.keyword("SET NOT NULL");
            case DROP_NOT_NULL -> writer.keyword("DROP NOT NULL");
        }
    }
}
