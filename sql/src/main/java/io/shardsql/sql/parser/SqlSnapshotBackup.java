package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.util.ImmutableNullableList;

import java.util.List;

/**
 * {@code SNAPSHOT [TO 'name']}: writes a globally consistent backup of the whole database without
 * stopping writes (ARCHITECTURE §5) into {@code <backup.root>/<name>} on the node that runs it. Without
 * {@code TO}, a name is made from the snapshot's epoch. (Not Calcite's {@code SqlSnapshot}, which is the
 * {@code FOR SYSTEM_TIME AS OF} table reference.)
 */
public final class SqlSnapshotBackup extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("SNAPSHOT", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlSnapshotBackup(pos, operands[0]);
        }
    };

    private final SqlNode name;

    /** {@code name} is the string literal after {@code TO}, or null. */
    public SqlSnapshotBackup(SqlParserPos pos, SqlNode name) {
        super(pos);
        this.name = name;
    }

    /** The backup's name given after {@code TO}, or null if the statement names none. */
    public String name() {
        return name == null ? null : ShardSqlParserUtil.string(name);
    }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return ImmutableNullableList.of(name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("SNAPSHOT");
        if (name != null) {
            writer.keyword("TO");
            name.unparse(writer, 0, 0);
        }
    }
}
