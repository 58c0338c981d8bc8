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
 * {@code [CONSTRAINT name] FOREIGN KEY (col, ...) REFERENCES parent [(col, ...)] [MATCH SIMPLE]
 * [ON DELETE action] [ON UPDATE action]} of a table, or {@code [CONSTRAINT name] REFERENCES parent [(col)] ...}
 * written on a column (then its one column is that column). Without referenced columns the parent's primary key
 * is meant. An action is {@code NO ACTION} (the default), {@code RESTRICT}, {@code CASCADE}, {@code SET NULL} or
 * {@code SET DEFAULT}, kept as written; what each may do is the catalog's decision.
 */
public final class SqlForeignKeyConstraint extends SqlCall implements SqlTableConstraint {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("FOREIGN KEY", SqlKind.FOREIGN_KEY) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            throw new UnsupportedOperationException("a FOREIGN KEY is not rebuilt from operands");
        }
    };

    /** The default action of {@code ON DELETE} and {@code ON UPDATE}. */
    public static final String NO_ACTION = "NO ACTION";

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlIdentifier parent;
    private final SqlNodeList parentColumns;
    private final String onDelete;
    private final String onUpdate;

    /**
     * {@code name}: the constraint's name or null; {@code parentColumns}: null when not written;
     * {@code onDelete} / {@code onUpdate}: the actions as written ({@code "SET NULL"}), null when not written.
     */
    public SqlForeignKeyConstraint(SqlParserPos pos, SqlIdentifier name, SqlNodeList columns, SqlIdentifier parent,
                                   SqlNodeList parentColumns, String onDelete, String onUpdate) {
        super(pos);
        this.name = name;
        this.columns = columns;
        this.parent = parent;
        this.parentColumns = parentColumns;
        this.onDelete = onDelete == null ? NO_ACTION : onDelete;
        this.onUpdate = onUpdate == null ? NO_ACTION : onUpdate;
    }

    @Override
    public SqlIdentifier name() { return name; }

    /** The referencing columns' names, in the order written. */
    public List<String> columnNames() {
        return columns.stream().map(c -> ((SqlIdentifier) c).getSimple()).toList();
    }

    /** The referenced table. */
    public SqlIdentifier parent() { return parent; }

    /** The referenced columns' names in the order written, or an empty list when not written. */
    public List<String> parentColumnNames() {
        return parentColumns == null ? List.of()
                : parentColumns.stream().map(c -> ((SqlIdentifier) c).getSimple()).toList();
    }

    /** {@code ON DELETE}'s action as SQL writes it ({@code NO ACTION} when not written). */
    public String onDelete() { return onDelete; }

    /** {@code ON UPDATE}'s action as SQL writes it ({@code NO ACTION} when not written). */
    public String onUpdate() { return onUpdate; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return ImmutableNullableList.of(name, columns, parent, parentColumns); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        unparseName(writer);
        writer.keyword("FOREIGN KEY");
        ShardSqlParserUtil.unparseList(writer, columns);
        unparseReferences(writer);
    }

    /** {@code [CONSTRAINT name] REFERENCES ...} as written on its column. */
    void unparseOnColumn(SqlWriter writer) {
        unparseName(writer);
        unparseReferences(writer);
    }

    private void unparseReferences(SqlWriter writer) {
        writer.keyword("REFERENCES");
        parent.unparse(writer, 0, 0);
        if (parentColumns != null) ShardSqlParserUtil.unparseList(writer, parentColumns);
        if (!onDelete.equals(NO_ACTION)) writer.keyword("ON DELETE " + onDelete);
        if (!onUpdate.equals(NO_ACTION)) writer.keyword("ON UPDATE " + onUpdate);
    }

    private void unparseName(SqlWriter writer) {
        if (name != null) {
            writer.keyword("CONSTRAINT");
            name.unparse(writer, 0, 0);
        }
    }
}
