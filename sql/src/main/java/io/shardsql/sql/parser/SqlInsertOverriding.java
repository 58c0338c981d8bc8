package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlInsert;
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
 * {@code INSERT INTO t [(cols)] OVERRIDING {SYSTEM | USER} VALUE {VALUES ... | query}} (PostgreSQL): with
 * {@code SYSTEM} the statement's values go into identity columns, {@code GENERATED ALWAYS} ones included;
 * with {@code USER} the values it gives identity columns are ignored and the columns take their sequences'
 * next values. A plain INSERT otherwise, so everything that handles an INSERT handles this one.
 */
public final class SqlInsertOverriding extends SqlInsert {
    /** Whose value an identity column takes. */
    public enum Kind {
        /** The statement's ({@code OVERRIDING SYSTEM VALUE}). */
        SYSTEM,
        /** The sequence's, whatever the statement gives ({@code OVERRIDING USER VALUE}). */
        USER
    }

    static final SqlOperator OPERATOR = new SqlSpecialOperator("INSERT", SqlKind.INSERT) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlInsertOverriding(pos, (SqlNodeList) operands[0], operands[1], operands[2],
                    (SqlNodeList) operands[3], ((SqlLiteral) operands[4]).getValueAs(Kind.class));
        }
    };

    private final Kind overriding;

    public SqlInsertOverriding(SqlParserPos pos, SqlNodeList keywords, SqlNode table, SqlNode source,
                               SqlNodeList columns, Kind overriding) {
        super(pos, keywords, table, source, columns);
        this.overriding = overriding;
    }

    /** An INSERT, with the OVERRIDING clause if {@code overriding} is not null (the parser's entry). */
    public static SqlInsert of(SqlParserPos pos, SqlNodeList keywords, SqlNode table, SqlNode source,
                               SqlNodeList columns, Kind overriding) {
        return overriding == null ? new SqlInsert(pos, keywords, table, source, columns)
                : new SqlInsertOverriding(pos, keywords, table, source, columns, overriding);
    }

    public Kind overriding() { return overriding; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new java.util.ArrayList<>(super.getOperandList());
        operands.add(SqlLiteral.createSymbol(overriding, SqlParserPos.ZERO));
        return ImmutableNullableList.copyOf(operands);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SELECT);
        writer.sep(isUpsert() ? "UPSERT INTO" : "INSERT INTO");
        getTargetTable().unparse(writer, 0, 0);
        if (getTargetColumnList() != null) {
            ShardSqlParserUtil.unparseList(writer, getTargetColumnList());
        }
        writer.keyword("OVERRIDING " + overriding.name() + " VALUE");
        writer.newlineAndIndent();
        if (getSource().getKind() == SqlKind.VALUES) {
            getSource().unparse(writer, 0, 0);
        } else {
            SqlWriter.Frame parentheses = writer.startList("(", ")");
            SqlWriter.Frame query = writer.startList(SqlWriter.FrameTypeEnum.SELECT);
            getSource().unparse(writer, 0, 0);
            writer.endList(query);
            writer.endList(parentheses);
        }
        writer.endList(frame);
    }
}
