package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.parser.SqlRowLocking;
import io.shardsql.sql.rows.RowKeys;
import io.shardsql.storage.Lock;
import io.shardsql.txn.RowLockWait;
import io.shardsql.txn.Transaction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlNameMatchers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code SELECT ... FOR UPDATE | FOR SHARE [NOWAIT | SKIP LOCKED]}: which queries may lock their rows, the
 * query that finds them, and what the answer keeps once they are locked.
 *
 * <p>The rows of one table are locked: a query with a join or a sub-query in FROM, grouping, DISTINCT or
 * aggregates is refused (0A000; PostgreSQL refuses the last three too), as is a table without a primary key
 * (its rows have no key a query can name). The query runs with the table's primary key columns added at the
 * end of its select list, all its rows are read (at the transaction's snapshot), their keys are locked
 * ({@code Transaction.lockRows}), and the answer is the rows without those columns. With SKIP LOCKED the
 * query runs without its OFFSET / LIMIT, which are applied after the locked rows are left out (rows are
 * locked in order only until OFFSET + LIMIT are kept), so {@code ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED}
 * locks and answers the first row nobody holds (the queue pattern). {@code FOR NO KEY UPDATE} locks as
 * {@code FOR UPDATE} and {@code FOR KEY SHARE} as
 * {@code FOR SHARE}. Locking needs the UPDATE privilege on the table besides SELECT, as in PostgreSQL.
 */
final class RowLocking {
    private static final String KEY_ALIAS = "shardsql$lock$key";

    /**
     * The query to run for a locking statement and how to shape its answer.
     *
     * @param sql         the query, the table's key columns added at the end of its select list
     * @param params      the statement's parameters the query keeps (not those of a removed OFFSET / LIMIT)
     * @param table       the table whose rows are locked
     * @param mode        the row lock taken: exclusive (FOR [NO KEY] UPDATE) or shared (FOR [KEY] SHARE)
     * @param waitPolicy  what a row another transaction holds does to the statement
     * @param keyColumns  how many key columns end each row of the query (the statement answers the others)
     * @param offset      rows to drop after the locked ones are left out (SKIP LOCKED), else 0
     * @param limit       rows to keep after that (SKIP LOCKED), else -1 for all
     * @param limitParams the indexes of the statement's parameters that were OFFSET / LIMIT (SKIP LOCKED)
     */
    record Query(String sql, List<Object> params, TableDef table, Lock.Mode mode, RowLockWait waitPolicy,
                 int keyColumns, long offset, long limit, Set<Integer> limitParams) {}

    private RowLocking() {}

    /**
     * The line EXPLAIN shows above the plan of a locking query (PostgreSQL shows a {@code LockRows} node):
     * {@code ShardLockRows(table=[t], mode=[FOR UPDATE], wait=[NOWAIT])}; the plan under it reads the rows and
     * their keys.
     */
    static String explainLine(SqlRowLocking l, Query q) {
        return "ShardLockRows(table=[" + q.table().name() + "], mode=[FOR " + l.strength().words() + "], wait=["
                + l.waitPolicy().name().replace('_', ' ') + "])";
    }

    /**
     * Checks {@code l} and makes the query that finds and locks its rows; {@code params} are the statement's
     * (null when it is only prepared: a parameter of OFFSET / LIMIT is then not looked at).
     */
    static Query of(SqlRowLocking l, CatalogSnapshot catalog, List<?> params) {
        String clause = "FOR " + l.strength().words();
        SqlSelect select;
        SqlNodeList orderBy = null;
        SqlNode offset = null;
        SqlNode fetch = null;
        if (l.query() instanceof SqlOrderBy o && o.query instanceof SqlSelect s) {
            select = s;
            orderBy = o.orderList;
            offset = o.offset;
            fetch = o.fetch;
        } else if (l.query() instanceof SqlSelect s) {
            select = s;
        } else {
            throw refused(clause + " is supported on a SELECT from one table only");
        }
        checkShape(select, clause);
        From from = from(select.getFrom(), clause);
        TableDef table = catalog.table(from.table()).orElseThrow(() -> new ShardSqlException(
                ErrorCode.UNDEFINED_TABLE, "relation \"" + from.table() + "\" does not exist"));
        if (table.hasHiddenRowId()) {
            throw refused(clause + " of " + table.name() + ", a table without a primary key, is not supported; "
                    + "give the table a primary key");
        }
        for (SqlNode of : l.of()) {
            String name = last(((SqlIdentifier) of).names);
            if (!name.equals(from.alias())) {
                throw new ShardSqlException(ErrorCode.UNDEFINED_TABLE, "relation \"" + name + "\" in " + clause
                        + " clause not found in FROM clause");
            }
        }
        boolean skip = l.waitPolicy() == SqlRowLocking.Wait.SKIP_LOCKED;
        SqlSelect copy = (SqlSelect) select.clone(select.getParserPosition());
        SqlNodeList items = new SqlNodeList(select.getSelectList().getList(), SqlParserPos.ZERO);
        List<ColumnDef> key = table.primaryKeyColumns();
        for (int i = 0; i < key.size(); i++) {
            SqlIdentifier column = new SqlIdentifier(List.of(from.alias(), key.get(i).name()), SqlParserPos.ZERO);
            items.add(SqlStdOperatorTable.AS.createCall(SqlParserPos.ZERO, column,
                    new SqlIdentifier(KEY_ALIAS + i, SqlParserPos.ZERO)));
        }
        copy.setSelectList(items);
        SqlNode query = copy;
        if (orderBy != null || offset != null || fetch != null) {
            query = new SqlOrderBy(SqlParserPos.ZERO, copy, orderBy == null ? SqlNodeList.EMPTY : orderBy,
                    skip ? null : offset, skip ? null : fetch);
        }
        List<Object> kept = params == null ? new ArrayList<>() : new ArrayList<>(params);
        long skipFirst = 0;
        long limit = -1;
        TreeSet<Integer> removed = new TreeSet<>();
        if (skip) {
            skipFirst = count(offset, params, removed, 0);
            limit = count(fetch, params, removed, -1);
            for (int i : removed.descendingSet()) if (i < kept.size()) kept.remove(i);
        }
        Lock.Mode mode = l.strength().exclusive() ? Lock.Mode.EXCLUSIVE : Lock.Mode.SHARED;
        return new Query(ShardSqlParser.unparse(query), kept, table, mode, wait(l.waitPolicy()),
                key.size(), skipFirst, limit, removed);
    }

    /**
     * Locks the rows {@code read} (the query's answer, key columns at the end) and returns those the statement
     * answers, without the key columns. With SKIP LOCKED and a LIMIT, rows are locked in order, a batch at a
     * time, only until OFFSET + LIMIT of them are kept (PostgreSQL locks the rows its LIMIT pulls, no more), so
     * {@code LIMIT 1 FOR UPDATE SKIP LOCKED} locks one free row, not every one the query found.
     */
    static List<Object[]> lock(Transaction t, Query q, List<Object[]> read) {
        List<byte[]> keys = new ArrayList<>(read.size());
        for (Object[] row : read) keys.add(keyOf(q, row));
        Set<byte[]> skipped = new TreeSet<>(Arrays::compareUnsigned);
        int locked = 0;
        if (q.limit() < 0) {
            skipped.addAll(t.lockRows(keys, q.mode(), q.waitPolicy()));
            locked = keys.size();
        } else {
            long wanted = q.offset() + q.limit();
            long kept = 0;
            while (locked < keys.size() && kept < wanted) {
                List<byte[]> batch = keys.subList(locked, (int) Math.min(keys.size(), locked + wanted - kept));
                List<byte[]> left = t.lockRows(batch, q.mode(), q.waitPolicy());
                skipped.addAll(left);
                kept += batch.size() - left.size();
                locked += batch.size();
            }
        }
        List<Object[]> out = new ArrayList<>();
        long toDrop = q.offset();
        for (int i = 0; i < locked && (q.limit() < 0 || out.size() < q.limit()); i++) {
            if (skipped.contains(keys.get(i)) || toDrop-- > 0) continue;
            out.add(Arrays.copyOf(read.get(i), read.get(i).length - q.keyColumns()));
        }
        return out;
    }

    /** The primary key values at the end of an answer row, encoded as the row's key. */
    private static byte[] keyOf(Query q, Object[] row) {
        return RowKeys.key(q.table(), Arrays.copyOfRange(row, row.length - q.keyColumns(), row.length));
    }

    private static RowLockWait wait(SqlRowLocking.Wait w) {
        return switch (w) {
            case WAIT -> RowLockWait.WAIT;
            case NOWAIT -> RowLockWait.NOWAIT;
            case SKIP_LOCKED -> RowLockWait.SKIP_LOCKED;
        };
    }

    /** The table FROM names and the name its columns are qualified with. */
    private record From(String table, String alias) {}

    private static From from(SqlNode from, String clause) {
        SqlNode table = from;
        String alias = null;
        if (from != null && from.getKind() == SqlKind.AS) {
            SqlCall as = (SqlCall) from;
            table = as.operand(0);
            alias = ((SqlIdentifier) as.operand(1)).getSimple();
            if (as.operandCount() > 2) throw refused(clause + " with column aliases in FROM is not supported");
        }
        if (!(table instanceof SqlIdentifier id)) {
            throw refused(clause + " cannot be applied to a join, a sub-query or a function in FROM: ShardSQL locks "
                    + "the rows of one table per statement (lock each table's rows with a query of its own)");
        }
        if (id.names.size() > 1 && (id.names.get(0).equals("sys") || id.names.get(0).equals(InformationSchema.NAME))) {
            throw refused(clause + " cannot be applied to the system table " + id);
        }
        String name = last(id.names);
        return new From(name, alias == null ? name : alias);
    }

    private static void checkShape(SqlSelect select, String clause) {
        if (select.getGroup() != null && select.getGroup().size() > 0) {
            throw refused(clause + " is not allowed with GROUP BY clause");
        }
        if (select.getHaving() != null) throw refused(clause + " is not allowed with HAVING clause");
        if (select.isDistinct()) throw refused(clause + " is not allowed with DISTINCT clause");
        if (select.getWindowList() != null && select.getWindowList().size() > 0) {
            throw refused(clause + " is not allowed with window functions");
        }
        select.getSelectList().accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (aggregate(call)) {
                    throw refused(clause + " is not allowed with aggregate functions");
                }
                if (call.getKind() == SqlKind.OVER) throw refused(clause + " is not allowed with window functions");
                return super.visit(call);
            }
        });
    }

    /**
     * Whether {@code call} is an aggregate. Parsed calls carry unresolved functions (the validator resolves
     * them), so the name is looked up in the engine's functions.
     */
    private static boolean aggregate(SqlCall call) {
        if (call.getOperator().isAggregator()) return true;
        if (!(call.getOperator() instanceof SqlUnresolvedFunction f)) return false;
        List<SqlOperator> found = new ArrayList<>();
        Operators.INSTANCE.lookupOperatorOverloads(f.getNameAsId(), null, SqlSyntax.FUNCTION, found,
                SqlNameMatchers.withCaseSensitive(false));
        return found.stream().anyMatch(SqlOperator::isAggregator);
    }

    /** The value of an OFFSET or LIMIT (a literal or a parameter, whose index goes into {@code removed}). */
    private static long count(SqlNode n, List<?> params, Set<Integer> removed, long absent) {
        if (n == null) return absent;
        Object v;
        if (n instanceof SqlDynamicParam p) {
            removed.add(p.getIndex());
            if (params == null) return absent; // only prepared
            v = p.getIndex() < params.size() ? params.get(p.getIndex()) : null;
        } else if (n instanceof SqlLiteral lit) {
            v = lit.getValue();
        } else {
            throw refused("OFFSET / LIMIT with SKIP LOCKED must be a number or a parameter");
        }
        if (!(v instanceof Number num) || num.longValue() < 0) {
            throw new ShardSqlException(ErrorCode.INVALID_SQL, "OFFSET / LIMIT must be a number >= 0, got " + v);
        }
        return num.longValue();
    }

    private static ShardSqlException refused(String message) {
        return new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, message);
    }

    private static String last(List<String> names) {
        return names.get(names.size() - 1);
    }
}
