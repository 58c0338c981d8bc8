package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Arrays;
import java.util.List;

/**
 * A query with PostgreSQL's locking clause:
 * {@code query FOR { UPDATE | NO KEY UPDATE | SHARE | KEY SHARE } [ OF table [, ...] ] [ NOWAIT | SKIP LOCKED ]}.
 * Kind {@code OTHER}: it returns rows, but the planner sees only the query ({@code exec.RowLocking} runs it).
 * The strength and the wait policy are operands (symbols), so {@code equalsDeep} compares them.
 */
public final class SqlRowLocking extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("FOR LOCKING", SqlKind.OTHER) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlRowLocking(pos, operands[0], ((SqlLiteral) operands[2]).getValueAs(Strength.class),
                    ((SqlLiteral) operands[3]).getValueAs(Wait.class), (SqlNodeList) operands[1]);
        }
    };

    /** How strongly the rows are locked: the words of the clause and the lock they take. */
    public enum Strength {
        UPDATE("UPDATE", true), NO_KEY_UPDATE("NO KEY UPDATE", true), SHARE("SHARE", false),
        KEY_SHARE("KEY SHARE", false);

        private final String words;
        private final boolean exclusive;

        Strength(String words, boolean exclusive) {
            this.words = words;
            this.exclusive = exclusive;
        }

        /** The clause as written after FOR. */
        public String words() { return words; }

        /** {@code FOR UPDATE} and {@code FOR NO KEY UPDATE} lock exclusively; the others share. */
        public boolean exclusive() { return exclusive; }
    }

    /** What to do about a row another transaction holds. */
    public enum Wait { WAIT, NOWAIT, SKIP_LOCKED }

    private final SqlNode query;
    private final Strength strength;
    private final Wait wait;
    private final SqlNodeList of;

    public SqlRowLocking(SqlParserPos pos, SqlNode query, Strength strength, Wait wait, SqlNodeList of) {
        super(pos);
        this.query = query;
        this.strength = strength;
        this.wait = wait;
        this.of = of == null ? SqlNodeList.EMPTY : of;
    }

    public SqlNode query() { return query; }

    public Strength strength() { return strength; }

    public Wait waitPolicy() { return wait; }

    /** The tables named after OF (empty: every table of the query). */
    public SqlNodeList of() { return of; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() {
        return Arrays.asList(query, of, SqlLiteral.createSymbol(strength, SqlParserPos.ZERO),
                SqlLiteral.createSymbol(wait, SqlParserPos.ZERO));
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        query.unparse(writer, 0, 0);
        writer.keyword("FOR " + strength.words());
        if (of.size() > 0) {
            writer.keyword("OF");
            SqlWriter.Frame frame = writer.startList("", "");
            for (SqlNode table : of) {
                writer.sep(",");
                table.unparse(writer, 0, 0);
            }
            writer.endList(frame);
        }
        if (wait == Wait.NOWAIT) writer.keyword("NOWAIT");
        if (wait == Wait.SKIP_LOCKED) writer.keyword("SKIP LOCKED");
    }
}
