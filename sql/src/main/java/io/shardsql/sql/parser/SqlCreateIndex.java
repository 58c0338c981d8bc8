package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCreate;
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
 * {@code CREATE [UNIQUE] INDEX [[IF NOT EXISTS] name] ON table (col [ASC | DESC] [NULLS {FIRST | LAST}], ...)}.
 * As in PostgreSQL the name may be left out, and the catalog then chooses one. Each column is a
 * {@link SqlIdentifier}, under a {@code DESC} call if descending, under a {@code NULLS FIRST} / {@code NULLS LAST}
 * call if its NULL placement is given (the shape of an ORDER BY item); {@link #column} takes one apart.
 */
public final class SqlCreateIndex extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCreateIndex(pos, ShardSqlParserUtil.flag(operands[0]), ShardSqlParserUtil.flag(operands[1]),
                    (SqlIdentifier) operands[2], (SqlIdentifier) operands[3], (SqlNodeList) operands[4]);
        }
    };

    private final boolean unique;
    private final SqlIdentifier name;
    private final SqlIdentifier table;
    private final SqlNodeList columns;

    /** {@code name} is null when the statement names no index. */
    public SqlCreateIndex(SqlParserPos pos, boolean unique, boolean ifNotExists, SqlIdentifier name,
                          SqlIdentifier table, SqlNodeList columns) {
        super(OPERATOR, pos, false, ifNotExists);
        this.unique = unique;
        this.name = name;
        this.table = table;
        this.columns = columns;
    }

    public boolean unique() { return unique; }

    public boolean ifNotExists() { return ifNotExists; }

    /** The index's name, or null if the statement gives none. */
    public SqlIdentifier name() { return name; }

    public SqlIdentifier table() { return table; }

    /** The indexed columns, in index order, with their orders (see {@link #column}). */
    public SqlNodeList columns() { return columns; }

    /**
     * One indexed column as declared.
     *
     * @param nullsFirst null when the statement does not say (then PostgreSQL's default: first for DESC)
     */
    public record IndexColumn(SqlIdentifier name, boolean descending, Boolean nullsFirst) {
        /** Where NULLs sort: as declared, else last for ASC and first for DESC. */
        public boolean effectiveNullsFirst() { return nullsFirst != null ? nullsFirst : descending; }
    }

    /** Takes one item of {@link #columns()} apart. */
    public static IndexColumn column(SqlNode item) {
        Boolean nullsFirst = null;
        boolean descending = false;
        SqlNode n = item;
        if (n.getKind() == SqlKind.NULLS_FIRST || n.getKind() == SqlKind.NULLS_LAST) {
            nullsFirst = n.getKind() == SqlKind.NULLS_FIRST;
            n = ((SqlCall) n).operand(0);
        }
        if (n.getKind() == SqlKind.DESCENDING) {
            descending = true;
            n = ((SqlCall) n).operand(0);
        }
        return new IndexColumn((SqlIdentifier) n, descending, nullsFirst);
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(ShardSqlParserUtil.flag(unique), ShardSqlParserUtil.flag(ifNotExists),
                name, table, columns);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE");
        if (unique) {
            writer.keyword("UNIQUE");
        }
        writer.keyword("INDEX");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        if (name != null) {
            name.unparse(writer, 0, 0);
        }
        writer.keyword("ON");
        table.unparse(writer, 0, 0);
        ShardSqlParserUtil.unparseList(writer, columns);
    }
}
