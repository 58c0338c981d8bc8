package io.shardsql.sql.exec;

import io.shardsql.sql.parser.JsonOperators;
import io.shardsql.sql.sequence.SequenceFunctions;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.fun.SqlLibrary;
import org.apache.calcite.sql.fun.SqlLibraryOperatorTableFactory;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlNameMatchers;

import java.util.List;

/**
 * The functions statements may call: {@link PostgresFunctions}, {@link SequenceFunctions}, {@link DateMinus} and
 * {@link TextConcat} first, then
 * Calcite's standard ones and its PostgreSQL library, looked up by
 * name case-insensitively. Names are compared exactly elsewhere (unquoted ones fold to lower case), but
 * Calcite registers its library functions under upper-case names, so an exact lookup of
 * {@code length} would miss {@code LENGTH}; function names are not catalog objects and PostgreSQL
 * resolves them case-insensitively too.
 */
final class Operators implements SqlOperatorTable {
    static final Operators INSTANCE = new Operators();

    private final SqlOperatorTable postgres = SqlOperatorTables.chain(SqlOperatorTables.of(PostgresFunctions.ALL),
            SqlOperatorTables.of(SequenceFunctions.ALL), SqlOperatorTables.of(DateMinus.MINUS, TextConcat.OPERATOR,
                    JsonOperators.GET, JsonOperators.GET_TEXT, TextFunctions.JSON_IN, TextFunctions.JSONB_IN));
    private final SqlOperatorTable all = SqlOperatorTables.chain(postgres, SqlStdOperatorTable.instance(),
            SqlLibraryOperatorTableFactory.INSTANCE.getOperatorTable(SqlLibrary.POSTGRESQL));

    private Operators() {}

    @Override
    public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
                                        List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
        SqlNameMatcher anyCase = SqlNameMatchers.withCaseSensitive(false);
        postgres.lookupOperatorOverloads(opName, category, syntax, operatorList, anyCase);
        if (!operatorList.isEmpty()) return; // ours shadow Calcite's of the same name
        all.lookupOperatorOverloads(opName, category, syntax, operatorList, anyCase);
    }

    @Override
    public List<SqlOperator> getOperatorList() {
        return all.getOperatorList();
    }
}
