package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * PostgreSQL's upsert: an INSERT followed by
 * {@code ON CONFLICT [(col, ...)] DO NOTHING} or
 * {@code ON CONFLICT (col, ...) DO UPDATE SET col = expr, ... [WHERE condition]}.
 *
 * <p>It is a {@link SqlInsert} (kind {@code INSERT}), so whatever handles an INSERT still sees one; the
 * conflict clause comes on top. In the {@code SET} expressions and the condition, {@code excluded.col}
 * names the row that was proposed for insertion and plain {@code col} the existing row, as in PostgreSQL.
 */
public final class SqlInsertOnConflict extends SqlInsert {
    /** What to do with a row whose key is already present. */
    public enum Action { NOTHING, UPDATE }

    static final SqlOperator OPERATOR = new SqlSpecialOperator("INSERT", SqlKind.INSERT) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlInsertOnConflict(pos, (SqlNodeList) operands[0], operands[1], operands[2],
                    (SqlNodeList) operands[3], (SqlNodeList) operands[4],
                    ((SqlLiteral) operands[5]).getValueAs(Action.class), (SqlNodeList) operands[6],
                    (SqlNodeList) operands[7], operands[8]);
        }
    };

    private SqlNodeList conflictTarget;
    private final Action action;
    private SqlNodeList updateColumns;
    private SqlNodeList updateValues;
    private SqlNode condition;

    private SqlInsertOnConflict(SqlParserPos pos, SqlNodeList keywords, SqlNode table, SqlNode source,
                                SqlNodeList columns, SqlNodeList conflictTarget, Action action,
                                SqlNodeList updateColumns, SqlNodeList updateValues, SqlNode condition) {
        super(pos, keywords, table, source, columns);
        this.conflictTarget = conflictTarget;
        this.action = action;
        this.updateColumns = updateColumns;
        this.updateValues = updateValues;
        this.condition = condition;
    }

    /** {@code insert ON CONFLICT [(target)] DO NOTHING}; {@code pos} is the conflict clause's. */
    public static SqlInsertOnConflict doNothing(SqlParserPos pos, SqlInsert insert, SqlNodeList target) {
        return of(pos, insert, target, Action.NOTHING, SqlNodeList.EMPTY, SqlNodeList.EMPTY, null);
    }

    /** {@code insert ON CONFLICT (target) DO UPDATE SET columns = values [WHERE condition]}. */
    public static SqlInsertOnConflict doUpdate(SqlParserPos pos, SqlInsert insert, SqlNodeList target,
                                               SqlNodeList columns, SqlNodeList values, SqlNode condition) {
        if (target == null) {
            throw ShardSqlParserUtil.error(pos,
                    "ON CONFLICT DO UPDATE requires the conflict target: ON CONFLICT (column, ...)");
        }
        return of(pos, insert, target, Action.UPDATE, columns, values, condition);
    }

    private static SqlInsertOnConflict of(SqlParserPos pos, SqlInsert insert, SqlNodeList target, Action action,
                                          SqlNodeList columns, SqlNodeList values, SqlNode condition) {
        if (insert.isUpsert()) {
            throw ShardSqlParserUtil.error(pos, "UPSERT cannot have an ON CONFLICT clause; use INSERT");
        }
        SqlNodeList keywords = (SqlNodeList) insert.getOperandList().get(0);
        return new SqlInsertOnConflict(insert.getParserPosition().plus(pos), keywords, insert.getTargetTable(),
                insert.getSource(), insert.getTargetColumnList(), target, action, columns, values, condition);
    }

    /** The columns in {@code ON CONFLICT (...)}, or null if none are named (only with DO NOTHING). */
    public SqlNodeList conflictTarget() { return conflictTarget; }

    public Action action() { return action; }

    /** The columns assigned by {@code DO UPDATE SET}, in order; empty for DO NOTHING. */
    public List<SqlIdentifier> updateColumns() {
        return updateColumns.getList().stream().map(SqlIdentifier.class::cast).toList();
    }

    /** The expressions assigned to {@link #updateColumns()}, in the same order. */
    public SqlNodeList updateValues() { return updateValues; }

    /** The {@code WHERE} condition of DO UPDATE, or null. */
    public SqlNode condition() { return condition; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() {
        List<SqlNode> operands = new ArrayList<>(super.getOperandList());
        operands.addAll(Arrays.asList(conflictTarget, SqlLiteral.createSymbol(action, SqlParserPos.ZERO), updateColumns,
                updateValues, condition));
        return Collections.unmodifiableList(operands);
    }

    @Override
    public void setOperand(int i, SqlNode operand) {
        switch (i) {
            case 4 -> conflictTarget = (SqlNodeList) operand;
            case 5 -> throw new UnsupportedOperationException("the conflict action is fixed");
            case 6 -> updateColumns = (SqlNodeList) operand;
            case 7 -> updateValues = (SqlNodeList) operand;
            case 8 -> condition = operand;
            default -> super.setOperand(i, operand);
        }
    }

    /**
     * Writes the INSERT as {@link SqlInsert} does, except that a query source is parenthesized: a join
     * without a condition ({@code NATURAL JOIN}, {@code CROSS JOIN}) would otherwise take the
     * {@code ON} of {@code ON CONFLICT} for its own. Then the conflict clause.
     */
    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        SqlWriter.Frame frame = writer.startList(SqlWriter.FrameTypeEnum.SELECT);
        writer.sep(isUpsert() ? "UPSERT INTO" : "INSERT INTO");
        getTargetTable().unparse(writer, 0, 0);
        if (getTargetColumnList() != null) {
            ShardSqlParserUtil.unparseList(writer, getTargetColumnList());
        }
        writer.newlineAndIndent();
        if (getSource().getKind() == SqlKind.VALUES) {
            getSource().unparse(writer, 0, 0);
        } else {
            SqlWriter.Frame parentheses = writer.startList("(", ")");
            // Inside a query frame a SELECT does not add parentheses of its own.
            SqlWriter.Frame query = writer.startList(SqlWriter.FrameTypeEnum.SELECT);
            getSource().unparse(writer, 0, 0);
            writer.endList(query);
            writer.endList(parentheses);
        }
        writer.endList(frame);
        unparseConflictClause(writer);
    }

    private void unparseConflictClause(SqlWriter writer) {
        writer.keyword("ON CONFLICT");
        if (conflictTarget != null) {
            ShardSqlParserUtil.unparseList(writer, conflictTarget);
        }
        writer.keyword("DO");
        if (action == Action.NOTHING) {
            writer.keyword("NOTHING");
            return;
        }
        writer.keyword("UPDATE SET");
        SqlWriter.Frame assignments = writer.startList("", "");
        for (int i = 0; i < updateColumns.size(); i++) {
            writer.sep(",");
            updateColumns.get(i).unparse(writer, 0, 0);
            writer.keyword("=");
            updateValues.get(i).unparse(writer, 0, 0);
        }
        writer.endList(assignments);
        if (condition != null) {
            writer.keyword("WHERE");
            condition.unparse(writer, 0, 0);
        }
    }
}
