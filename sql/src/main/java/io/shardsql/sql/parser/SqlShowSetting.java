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

import java.util.List;
import java.util.Locale;

/**
 * {@code SHOW name}: a session setting's value as one row with one column named after it (PostgreSQL's
 * {@code SHOW transaction_isolation}). Its kind is {@code OTHER}: it returns rows but is not a query the
 * planner sees.
 */
public final class SqlShowSetting extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SHOW", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlShowSetting(pos, (SqlIdentifier) operands[0]);
        }
    };

    private final SqlIdentifier name;

    public SqlShowSetting(SqlParserPos pos, SqlIdentifier name) {
        super(pos);
        this.name = name;
    }

    /** The setting's name, lower case. */
    public String name() { return name.getSimple().toLowerCase(Locale.ROOT); }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SHOW");
        name.unparse(writer, 0, 0);
    }
}
