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

import java.util.Arrays;
import java.util.List;

/**
 * {@code ALTER TABLE table RENAME TO new_name} ({@link #column()} is null) and
 * {@code ALTER TABLE table RENAME [COLUMN] column TO new_name}.
 */
public final class SqlAlterTableRename extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE RENAME", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableRename(pos, (SqlIdentifier) operands[0], (SqlIdentifier) operands[1],
                    (SqlIdentifier) operands[2]);
        }
    };

    private final SqlIdentifier table;
    private final SqlIdentifier column;
    private final SqlIdentifier newName;

    public SqlAlterTableRename(SqlParserPos pos, SqlIdentifier table, SqlIdentifier column, SqlIdentifier newName) {
        super(OPERATOR, pos);
        this.table = table;
        this.column = column;
        this.newName = newName;
    }

    /** The table renamed, or whose column is renamed. */
    public SqlIdentifier table() { return table; }

    /** The column renamed, or null when the table is. */
    public SqlIdentifier column() { return column; }

    /** The new name. */
    public SqlIdentifier newName() { return newName; }

    @Override
    public List<SqlNode> getOperandList() { return Arrays.asList(table, column, newName); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("RENAME");
        if (column != null) {
            writer.keyword("COLUMN");
            column.unparse(writer, 0, 0);
        }
        writer.keyword("TO");
        newName.unparse(writer, 0, 0);
    }
}
