package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code DROP <object> [IF EXISTS] name [CASCADE]}: what {@link SqlDropTable}, {@link SqlDropIndex},
 * {@link SqlDropSequence}, {@link SqlDropView} and {@link SqlDropUser} share. {@code CASCADE} is written by
 * DROP TABLE and DROP VIEW only ({@code RESTRICT}, the default, is not kept).
 */
public abstract sealed class SqlDropObject extends SqlDrop permits SqlDropTable, SqlDropIndex, SqlDropUser,
        SqlDropSequence, SqlDropRole, SqlDropView {
    private final SqlIdentifier name;
    private final boolean cascade;

    SqlDropObject(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name) {
        this(operator, pos, ifExists, name, false);
    }

    SqlDropObject(SqlOperator operator, SqlParserPos pos, boolean ifExists, SqlIdentifier name, boolean cascade) {
        super(operator, pos, ifExists);
        this.name = name;
        this.cascade = cascade;
    }

    /** Whether {@code CASCADE} was written: objects that depend on this one are dropped with it. */
    public boolean cascade() { return cascade; }

    public SqlIdentifier name() { return name; }

    public boolean ifExists() { return ifExists; }

    @Override
    public List<SqlNode> getOperandList() {
        return List.of(ShardSqlParserUtil.flag(ifExists), name, ShardSqlParserUtil.flag(cascade));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(getOperator().getName());
        if (ifExists) {
            writer.keyword("IF EXISTS");
        }
        name.unparse(writer, 0, 0);
        if (cascade) {
            writer.keyword("CASCADE");
        }
    }
}
