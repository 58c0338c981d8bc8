package io.shardsql.sql.ddl;

import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.sql.parser.ShardSqlParser;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJoin;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWith;
import org.apache.calcite.sql.SqlWithItem;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rewrites a view's query text when a table it reads is renamed, or a column of it, so that the view keeps its
 * meaning (PostgreSQL's views are bound to the table and column, ours are text). Every reference to the table in
 * a FROM clause is replaced by something that reads, under the old names, what the table now is:
 *
 * <pre>
 * RENAME TO u:                 FROM t [AS x]  →  FROM u AS t | x
 * RENAME COLUMN a TO b:        FROM t [AS x]  →  FROM (SELECT id, b AS a, ... FROM t) AS t | x
 * </pre>
 *
 * so names written anywhere else in the query — qualified ({@code t.a}), unqualified, in sub-queries — mean what
 * they meant, without resolving scopes here. (The planner merges the extra projection away.) A query with a
 * WITH item of the table's name is not rewritten (the name there may not be the table). The caller checks the
 * result ({@link ViewAnalyzer#stillMeans}) before keeping it.
 */
final class ViewRewrites {
    private ViewRewrites() {}

    /** {@code view} reading table {@code table} under {@code newName}; empty if it cannot be rewritten. */
    static Optional<ViewDef> renameTable(ViewDef view, String table, String newName) {
        SqlIdentifier target = new SqlIdentifier(newName, SqlParserPos.ZERO);
        List<String> depends = new ArrayList<>();
        for (String d : view.dependsOn()) depends.add(d.equals(table) ? newName : d);
        return rewrite(view, table, ignored -> target)
                .map(sql -> new ViewDef(view.name(), sql, view.columns(), depends));
    }

    /**
     * {@code view} reading {@code renamed} (the table after its column {@code column} became {@code newName})
     * as before; empty if it cannot be rewritten.
     */
    static Optional<ViewDef> renameColumn(ViewDef view, TableDef renamed, String column, String newName) {
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < renamed.columns().size(); i++) {
            ColumnDef c = renamed.columns().get(i);
            if (i > 0) select.append(", ");
            select.append(quote(c.name()));
            if (c.name().equals(newName)) select.append(" AS ").append(quote(column));
        }
        select.append(" FROM ").append(quote(renamed.name()));
        String text = select.toString();
        return rewrite(view, renamed.name(), ignored -> ShardSqlParser.parse(text))
                .map(sql -> new ViewDef(view.name(), sql, view.columns(), view.dependsOn()));
    }

    private static Optional<String> rewrite(ViewDef view, String table, Function<SqlIdentifier, SqlNode> source) {
        SqlNode query = ShardSqlParser.parse(view.sql());
        boolean[] shadowed = new boolean[1];
        walk(query, table, source, shadowed);
        return shadowed[0] ? Optional.empty() : Optional.of(ShardSqlParser.unparse(query));
    }

    /** Children first, then this node's FROM, so that a replacement is never rewritten again. */
    private static void walk(SqlNode node, String table, Function<SqlIdentifier, SqlNode> source, boolean[] shadowed) {
        if (node instanceof SqlNodeList list) {
            for (SqlNode n : list) walk(n, table, source, shadowed);
            return;
        }
        if (!(node instanceof SqlCall call)) return;
        if (call instanceof SqlWith with) {
            for (SqlNode item : with.withList) {
                if (((SqlWithItem) item).name.getSimple().equals(table)) shadowed[0] = true;
            }
        }
        for (SqlNode operand : call.getOperandList()) {
            if (operand != null) walk(operand, table, source, shadowed);
        }
        if (call instanceof SqlSelect select && select.getFrom() != null) {
            select.setFrom(from(select.getFrom(), table, source));
        }
    }

    private static SqlNode from(SqlNode from, String table, Function<SqlIdentifier, SqlNode> source) {
        if (from instanceof SqlJoin join) {
            join.setLeft(from(join.getLeft(), table, source));
            join.setRight(from(join.getRight(), table, source));
            return join;
        }
        if (from instanceof SqlIdentifier id && names(id, table)) {
            return as(source.apply(id), new SqlIdentifier(table, SqlParserPos.ZERO));
        }
        if (from.getKind() == SqlKind.AS && from instanceof SqlBasicCall as
                && as.operand(0) instanceof SqlIdentifier id && names(id, table)) {
            as.setOperand(0, source.apply(id));
            return as;
        }
        return from;
    }

    /** Whether {@code id} names the user table {@code table} ({@code t} or {@code public.t}). */
    private static boolean names(SqlIdentifier id, String table) {
        List<String> n = id.names;
        return n.get(n.size() - 1).equals(table) && (n.size() == 1 || n.size() == 2 && n.get(0).equals("public"));
    }

    private static SqlNode as(SqlNode source, SqlIdentifier alias) {
        return SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, source, alias);
    }

    private static String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
