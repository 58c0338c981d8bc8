package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
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
 * A column definition of {@code CREATE TABLE} or {@code ALTER TABLE ... ADD COLUMN}:
 * {@code name type [NOT NULL] [DEFAULT expr] [PRIMARY KEY]}.
 *
 * <p>{@link #notNull()} is what the statement declares; a primary-key column is never NULL whether or
 * not it says so (the catalog applies that).
 */
public final class SqlColumnDef extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("COLUMN_DECL", SqlKind.COLUMN_DECL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlColumnDef(pos, (SqlIdentifier) operands[0], (SqlDataTypeSpec) operands[1],
                    ShardSqlParserUtil.flag(operands[2]), operands[3], ShardSqlParserUtil.flag(operands[4]));
        }
    };

    private final SqlIdentifier name;
    private final SqlDataTypeSpec type;
    private final boolean notNull;
    private final SqlNode defaultValue;
    private final boolean primaryKey;

    public SqlColumnDef(SqlParserPos pos, SqlIdentifier name, SqlDataTypeSpec type, boolean notNull,
                        SqlNode defaultValue, boolean primaryKey) {
        super(pos);
        this.name = name;
        this.type = type;
        this.notNull = notNull;
        this.defaultValue = defaultValue;
        this.primaryKey = primaryKey;
    }

    public SqlIdentifier name() { return name; }

    /** The column's name as stored (unquoted names are folded to lower case by the parser). */
    public String simpleName() { return name.getSimple(); }

    public SqlDataTypeSpec type() { return type; }

    /** Whether {@code NOT NULL} was declared. */
    public boolean notNull() { return notNull; }

    /** The {@code DEFAULT} expression, or null. */
    public SqlNode defaultValue() { return defaultValue; }

    /** Whether the column is declared {@code PRIMARY KEY} on its own line. */
    public boolean primaryKey() { return primaryKey; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(name, type, ShardSqlParserUtil.flag(notNull), defaultValue,
                ShardSqlParserUtil.flag(primaryKey));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        name.unparse(writer, 0, 0);
        type.unparse(writer, 0, 0);
        if (notNull) {
            writer.keyword("NOT NULL");
        }
        if (defaultValue != null) {
            writer.keyword("DEFAULT");
            defaultValue.unparse(writer, 0, 0);
        }
        if (primaryKey) {
            writer.keyword("PRIMARY KEY");
        }
    }
}
