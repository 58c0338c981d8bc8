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
 * {@code ALTER TABLE IF EXISTS table <action>}: the {@link #action()} (any ALTER TABLE statement, naming the
 * same table) when the table or view exists, nothing when it does not (PostgreSQL: a notice). ORMs' schema
 * tools send it when they drop constraints of tables that may not be there yet.
 */
public final class SqlAlterTableIfExists extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE IF EXISTS", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableIfExists(pos, (SqlIdentifier) operands[0], operands[1]);
        }
    };

    private final SqlIdentifier table;
    private final SqlNode action;

    public SqlAlterTableIfExists(SqlParserPos pos, SqlIdentifier table, SqlNode action) {
        super(OPERATOR, pos);
        this.table = table;
        this.action = action;
    }

    /** The table altered. */
    public SqlIdentifier table() { return table; }

    /** The statement without IF EXISTS. */
    public SqlNode action() { return action; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, action); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE IF EXISTS");
        table.unparse(writer, 0, 0);
        writer.keyword("...");
    }
}
