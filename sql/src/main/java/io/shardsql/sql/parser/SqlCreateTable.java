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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code CREATE TABLE [IF NOT EXISTS] name (column, ... [, [CONSTRAINT c] PRIMARY KEY (col, ...)]
 * [, [CONSTRAINT c] {CHECK (expr) | UNIQUE (col, ...)}] ...)}, where the primary key may instead be declared
 * on one column ({@code id INT PRIMARY KEY}), and CHECK and UNIQUE too ({@code n INT CHECK (n > 0) UNIQUE}).
 *
 * <p>{@link #of} checks what the statement alone can tell: column names are unique, there is at most
 * one primary key, and its columns and those of each UNIQUE exist. A table without a primary key parses;
 * what it means is the catalog's decision. Constraints written on a column become the table's
 * ({@link #constraints()}), in the order written; they unparse as table constraints.
 */
public final class SqlCreateTable extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE TABLE", SqlKind.CREATE_TABLE) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlCreateTable(pos, ShardSqlParserUtil.flag(operands[0]), (SqlIdentifier) operands[1],
                    (SqlNodeList) operands[2], (SqlPrimaryKey) operands[3], (SqlNodeList) operands[4]);
        }
    };

    private final SqlIdentifier name;
    private final SqlNodeList columns;
    private final SqlPrimaryKey keyConstraint;
    private final SqlNodeList constraints;

    private SqlCreateTable(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, SqlNodeList columns,
                           SqlPrimaryKey keyConstraint, SqlNodeList constraints) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
        this.columns = columns;
        this.keyConstraint = keyConstraint;
        this.constraints = constraints;
    }

    /**
     * Builds the statement from its elements as parsed ({@link SqlColumnDef}s and at most one
     * {@link SqlPrimaryKey}), checking them; a mistake is reported at the element that makes it.
     */
    public static SqlCreateTable of(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name,
                                    List<SqlNode> elements) {
        List<SqlNode> columns = new ArrayList<>();
        List<SqlNode> constraints = new ArrayList<>();
        Set<String> columnNames = new HashSet<>();
        SqlPrimaryKey keyConstraint = null;
        SqlNode keySeen = null;
        for (SqlNode element : elements) {
            if (element instanceof SqlTableConstraint) {
                constraints.add(element);
                continue;
            }
            if (element instanceof SqlColumnDef column) {
                if (!columnNames.add(column.simpleName())) {
                    throw ShardSqlParserUtil.error(column.getParserPosition(),
                            "column \"" + column.simpleName() + "\" specified more than once");
                }
                columns.add(column.withoutConstraints());
                constraints.addAll(column.constraints());
                if (!column.primaryKey()) {
                    continue;
                }
            } else {
                keyConstraint = (SqlPrimaryKey) element;
            }
            if (keySeen != null) {
                throw ShardSqlParserUtil.error(element.getParserPosition(),
                        "multiple primary keys for table \"" + name + "\" are not allowed");
            }
            keySeen = element;
        }
        if (keyConstraint != null) {
            checkKeyColumns(keyConstraint.columns(), columnNames, "primary key");
        }
        for (SqlNode c : constraints) {
            if (c instanceof SqlUniqueConstraint u) checkKeyColumns(u.columns(), columnNames, "unique");
        }
        return new SqlCreateTable(pos, ifNotExists, name, new SqlNodeList(columns, pos), keyConstraint,
                new SqlNodeList(constraints, pos));
    }

    private static void checkKeyColumns(SqlNodeList keyColumns, Set<String> columnNames, String what) {
        Set<String> seen = new HashSet<>();
        for (SqlNode node : keyColumns) {
            String column = ((SqlIdentifier) node).getSimple();
            if (!columnNames.contains(column)) {
                throw ShardSqlParserUtil.error(node.getParserPosition(),
                        "column \"" + column + "\" named in key does not exist");
            }
            if (!seen.add(column)) {
                throw ShardSqlParserUtil.error(node.getParserPosition(),
                        "column \"" + column + "\" appears twice in " + what + " constraint");
            }
        }
    }

    public SqlIdentifier name() { return name; }

    public boolean ifNotExists() { return ifNotExists; }

    /** The columns, in the order declared. */
    public List<SqlColumnDef> columns() {
        List<SqlColumnDef> list = new ArrayList<>();
        for (SqlNode column : columns) {
            list.add((SqlColumnDef) column);
        }
        return list;
    }

    /**
     * The primary key's columns in key order, wherever the key was declared (table constraint or
     * column); empty if the table declares none.
     */
    public List<SqlIdentifier> primaryKey() {
        List<SqlIdentifier> key = new ArrayList<>();
        if (keyConstraint != null) {
            keyConstraint.columns().forEach(node -> key.add((SqlIdentifier) node));
        } else {
            columns().stream().filter(SqlColumnDef::primaryKey).forEach(column -> key.add(column.name()));
        }
        return key;
    }

    /** The name given with {@code CONSTRAINT name PRIMARY KEY (...)}, or null. */
    public SqlIdentifier primaryKeyName() {
        return keyConstraint == null ? null : keyConstraint.name();
    }

    /**
     * The CHECK and UNIQUE constraints ({@link SqlTableConstraint}), those written on columns included, in
     * the order written.
     */
    public List<SqlTableConstraint> constraints() {
        return constraints.stream().map(c -> (SqlTableConstraint) c).toList();
    }

    @Override
    public List<SqlNode> getOperandList() {
        return ImmutableNullableList.of(ShardSqlParserUtil.flag(ifNotExists), name, columns, keyConstraint,
                constraints);
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE TABLE");
        if (ifNotExists) {
            writer.keyword("IF NOT EXISTS");
        }
        name.unparse(writer, 0, 0);
        SqlWriter.Frame frame = writer.startList("(", ")");
        for (SqlNode column : columns) {
            writer.sep(",");
            column.unparse(writer, 0, 0);
        }
        if (keyConstraint != null) {
            writer.sep(",");
            keyConstraint.unparse(writer, 0, 0);
        }
        for (SqlNode c : constraints) {
            writer.sep(",");
            c.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
