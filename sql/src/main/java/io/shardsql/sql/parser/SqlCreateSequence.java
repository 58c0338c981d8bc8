package io.shardsql.sql.parser;

import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.List;

/** {@code CREATE SEQUENCE [IF NOT EXISTS] name [option ...]} (options: {@link SequenceOption}). */
public final class SqlCreateSequence extends SqlCreate {
    static final SqlOperator OPERATOR = new SqlSpecialOperator("CREATE SEQUENCE", SqlKind.CREATE_SEQUENCE);

    private final SqlIdentifier name;
    private final List<SequenceOption> options;

    public SqlCreateSequence(SqlParserPos pos, boolean ifNotExists, SqlIdentifier name, List<SequenceOption> options) {
        super(OPERATOR, pos, false, ifNotExists);
        this.name = name;
        this.options = List.copyOf(options);
    }

    public SqlIdentifier name() { return name; }

    public boolean ifNotExists() { return ifNotExists; }

    public List<SequenceOption> options() { return options; }

    @Override
    public List<SqlNode> getOperandList() { return List.of(name); }

    @Override
    public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
        writer.keyword("CREATE SEQUENCE");
        if (ifNotExists) writer.keyword("IF NOT EXISTS");
        name.unparse(writer, 0, 0);
    }
}
