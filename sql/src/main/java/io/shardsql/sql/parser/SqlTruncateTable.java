package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code TRUNCATE [TABLE] name [, ...] [RESTART IDENTITY | CONTINUE IDENTITY] [CASCADE | RESTRICT]}: empties
 * tables. {@code CONTINUE IDENTITY} and {@code RESTRICT} are the defaults and are not kept; {@code CASCADE}
 * is kept for the executor to refuse or honour.
 */
public final class SqlTruncateTable extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("TRUNCATE TABLE", SqlKind.TRUNCATE_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlTruncateTable(pos, (SqlNodeList) operands[0], ShardSqlParserUtil.flag(operands[1]),
                    ShardSqlParserUtil.flag(operands[2]));
        }
    };

    private final SqlNodeList tables;
    private final boolean restartIdentity;
    private final boolean cascade;

    public SqlTruncateTable(SqlParserPos pos, SqlNodeList tables, boolean restartIdentity, boolean cascade) {
        super(OPERATOR, pos);
        this.tables = tables;
        this.restartIdentity = restartIdentity;
        this.cascade = cascade;
    }

    /** The tables to empty, as identifiers. */
    public SqlNodeList tables() { return tables; }

    /** Whether the sequences the tables own start again ({@code RESTART IDENTITY}). */
    public boolean restartIdentity() { return restartIdentity; }

    /** Whether {@code CASCADE} was written. */
    public boolean cascade() { return cascade; }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(tables, ShardSqlParserUtil.flag(restartIdentity), ShardSqlParserUtil.flag(cascade));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("TRUNCATE TABLE");
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlNode t : tables) {
            writer.sep(",");
            t.unparse(writer, 0, 0);
        }
        writer.endList(frame);
        if (restartIdentity) writer.keyword("RESTART IDENTITY");
        if (cascade) writer.keyword("CASCADE");
    }
}
