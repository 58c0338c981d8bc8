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

/** {@code ALTER TABLE table DROP CONSTRAINT [IF EXISTS] name}. */
public final class SqlAlterTableDropConstraint extends SqlDdl {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER TABLE DROP CONSTRAINT", SqlKind.ALTER_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlAlterTableDropConstraint(pos, (SqlIdentifier) operands[0],
                    ShardSqlParserUtil.flag(operands[1]), (SqlIdentifier) operands[2]);
        }
    };

    private final SqlIdentifier table;
    private final boolean ifExists;
    private final SqlIdentifier name;

    /** The statement dropping the constraint {@code name} of {@code table}, unless missing with {@code ifExists}. */
    public SqlAlterTableDropConstraint(SqlParserPos pos, SqlIdentifier table, boolean ifExists, SqlIdentifier name) {
        super(OPERATOR, pos);
        this.table = table;
        this.ifExists = ifExists;
        this.name = name;
    }

    /** The table altered. */
    public SqlIdentifier table() { return table; }

    /** Whether the statement says {@code IF EXISTS}. */
    public boolean ifExists() { return ifExists; }

    /** The constraint's name. */
    public SqlIdentifier name() { return name; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(table, ShardSqlParserUtil.flag(ifExists), name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER TABLE");
        table.unparse(writer, 0, 0);
        writer.keyword("DROP CONSTRAINT");
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
    }
}
