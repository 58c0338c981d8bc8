package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code ALTER TABLE table <action> [<condition>] column}: what {@link SqlAlterTableAddColumn} and
 * {@link SqlAlterTableDropColumn} share. They differ in their keywords ({@code ADD COLUMN} /
 * {@code IF NOT EXISTS}, {@code DROP COLUMN} / {@code IF EXISTS}) and in what names the column (a
 * definition or a name), hence the type parameter.
 *
 * @param <C> the node naming the column
 */
public abstract sealed class SqlAlterTableColumn<C extends SqlNode> extends SqlDdl
        permits SqlAlterTableAddColumn, SqlAlterTableDropColumn {
    private final SqlIdentifier table;
    private final boolean conditional;
    private final C column;
    private final String action;
    private final String condition;

    /**
     * A statement written {@code ALTER TABLE table action [condition] column}; {@code conditional} says
     * whether the condition ({@code IF [NOT] EXISTS}) was written.
     */
    SqlAlterTableColumn(SqlOperator operator, SqlParserPos pos, SqlIdentifier table, boolean conditional, C column,
                        String action, String condition) {
        super(operator, pos);
        this.table = table;
        this.conditional = conditional;
        this.column = column;
        this.action = action;
        this.condition = condition;
    }

    /** The table altered. */
    public SqlIdentifier table() { return table; }

    /** The column added or dropped. */
    public C column() { return column; }

    /** Whether the statement says {@code IF NOT EXISTS} (add) or {@code IF EXISTS} (drop). */
    boolean conditional() { return conditional; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, ShardSqlParserUtil.flag(conditional), column); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword(action);
        if (conditional) {
            writer.keyword(condition);
        }
        column.unparse(writer, 0, 0);
    }
}
