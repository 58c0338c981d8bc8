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
 * {@code ALTER TABLE table ADD [CONSTRAINT name] {CHECK (expr) | UNIQUE (col, ...) | PRIMARY KEY (col, ...)}}.
 * The constraint is a {@link SqlTableConstraint} or a {@link SqlPrimaryKey} (which the catalog refuses:
 * a table's key is fixed when it is created).
 */
public final class SqlAlterTableAddConstraint extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE ADD CONSTRAINT", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableAddConstraint(pos, (SqlIdentifier) operands[0], operands[1]);
        }
    };

    private final SqlIdentifier table;
    private final SqlNode constraint;

    /** {@code constraint}: a {@link SqlCheckConstraint}, {@link SqlUniqueConstraint} or {@link SqlPrimaryKey}. */
    public SqlAlterTableAddConstraint(SqlParserPos pos, SqlIdentifier table, SqlNode constraint) {
        super(OPERATOR, pos);
        this.table = table;
        this.constraint = constraint;
    }

    /** The table altered. */
    public SqlIdentifier table() { return table; }

    /** The constraint added: a {@link SqlCheckConstraint}, {@link SqlUniqueConstraint} or {@link SqlPrimaryKey}. */
    public SqlNode constraint() { return constraint; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, constraint); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("ADD");
        constraint.unparse(writer, 0, 0);
    }
}
