package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code ALTER SEQUENCE [IF EXISTS] name option [...]} (options: {@link SequenceOption}). */
public final class SqlAlterSequence extends SqlCall {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("ALTER SEQUENCE", SqlKind.ALTER_SEQUENCE);

    private final boolean ifExists;
    private final SqlIdentifier name;
    private final List<SequenceOption> options;

    public SqlAlterSequence(SqlParserPos pos, boolean ifExists, SqlIdentifier name, List<SequenceOption> options) {
        super(pos);
        this.ifExists = ifExists;
        this.name = name;
        this.options = List.copyOf(options);
    }

    public boolean ifExists() { return ifExists; }

    public SqlIdentifier name() { return name; }

    public List<SequenceOption> options() { return options; }

    @Override
    public SqlOperator getOperator() { return OPERATOR; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("ALTER SEQUENCE");
        if (ifExists) writer.keyword("IF EXISTS");
        name.unparse(writer, 0, 0);
    }
}
