package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDdl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/**
 * {@code GRANT} and {@code REVOKE}, PostgreSQL's forms:
 * <pre>
 * GRANT  privilege [, ...] ON [TABLE] table [, ...] TO   grantee [, ...]   privilege: SELECT | INSERT | UPDATE |
 * REVOKE privilege [, ...] ON [TABLE] table [, ...] FROM grantee [, ...]              DELETE | ALL [PRIVILEGES]
 * GRANT  privilege [, ...] ON SEQUENCE seq [, ...] TO grantee [, ...]    privilege: USAGE | SELECT | UPDATE |
 *                                                       (REVOKE ... FROM)                     ALL [PRIVILEGES]
 * GRANT  CREATE ON DATABASE name TO grantee [, ...]     (REVOKE ... FROM)
 * GRANT  role [, ...] TO user [, ...]                   (REVOKE role [, ...] FROM user [, ...])
 * </pre>
 * {@link #privileges} holds the privilege names as written, upper case ({@code ALL} for ALL [PRIVILEGES]).
 */
public final class SqlGrantOrRevoke extends SqlDdl {
    /** What is granted: privileges on tables or sequences, CREATE on the database, or membership of roles. */
    public enum Target { TABLE, SEQUENCE, DATABASE, ROLE }

    static final SqlOperator OPERATOR = new SqlSpecialOperator("GRANT", SqlKind.OTHER_DDL) {
        @Override
        public SqlCall createCall(SqlLiteral functionQualifier, SqlParserPos pos, SqlNode... operands) {
            return new SqlGrantOrRevoke(pos, ShardSqlParserUtil.flag(operands[0]),
                    Target.valueOf(ShardSqlParserUtil.string(operands[1])),
                    ((SqlNodeList) operands[2]).stream().map(ShardSqlParserUtil::string).toList(),
                    identifiers(operands[3]), identifiers(operands[4]));
        }
    };

    private final boolean grant;
    private final Target target;
    private final List<String> privileges;
    private final List<SqlIdentifier> objects;
    private final List<SqlIdentifier> grantees;

    public SqlGrantOrRevoke(SqlParserPos pos, boolean grant, Target target, List<String> privileges,
                            List<SqlIdentifier> objects, List<SqlIdentifier> grantees) {
        super(OPERATOR, pos);
        this.grant = grant;
        this.target = target;
        this.privileges = List.copyOf(privileges);
        this.objects = List.copyOf(objects);
        this.grantees = List.copyOf(grantees);
    }

    /** GRANT (true) or REVOKE (false). */
    public boolean grant() { return grant; }

    public Target target() { return target; }

    /** The privilege names (empty for roles). */
    public List<String> privileges() { return privileges; }

    /** The tables, the sequences, the database, or the roles. */
    public List<SqlIdentifier> objects() { return objects; }

    public List<SqlIdentifier> grantees() { return grantees; }

    /** The verb, target and privileges are literals, so {@code equalsDeep} compares whole statements. */
    @Override
    public List<SqlNode> getOperandList() {
        SqlParserPos pos = getParserPosition();
        return List.of(ShardSqlParserUtil.flag(grant), SqlLiteral.createCharString(target.name(), pos),
                new SqlNodeList(privileges.stream().map(p -> (SqlNode) SqlLiteral.createCharString(p, pos)).toList(),
                        pos),
                new SqlNodeList(objects, pos), new SqlNodeList(grantees, pos));
    }

    private static List<SqlIdentifier> identifiers(SqlNode list) {
        return ((SqlNodeList) list).stream().map(n -> (SqlIdentifier) n).toList();
    }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword(grant ? "GRANT" : "REVOKE");
        if (target != Target.ROLE) {
            SqlWriter.Frame frame = writer.startList("", "");
            for (String p : privileges) {
                writer.sep(",");
                writer.keyword(p);
            }
            writer.endList(frame);
            writer.keyword("ON " + target.name());
        }
        list(writer, objects);
        writer.keyword(grant ? "TO" : "FROM");
        list(writer, grantees);
    }

    private static void list(SqlWriter writer, List<SqlIdentifier> ids) {
        SqlWriter.Frame frame = writer.startList("", "");
        for (SqlIdentifier id : ids) {
            writer.sep(",");
            id.unparse(writer, 0, 0);
        }
        writer.endList(frame);
    }
}
