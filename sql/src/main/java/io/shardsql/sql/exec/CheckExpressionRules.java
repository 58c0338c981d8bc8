package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a CHECK expression may not contain, with PostgreSQL's SQLStates: a sub-query (0A000, "cannot use
 * subquery in check constraint"), a parameter or a sequence function (0A000), an aggregate or a window
 * function (42803). Also which columns an expression reads.
 */
final class CheckExpressionRules {
    private static final Set<String> SEQUENCE_FUNCTIONS = Set.of("nextval", "currval", "setval");

    private CheckExpressionRules() {}

    /** Refuses sub-queries, parameters and sequence functions in the select list of the checks' query. */
    static void refuseBeforeValidation(SqlSelect select, List<CheckDef> checks) {
        for (int i = 0; i < select.getSelectList().size(); i++) {
            CheckDef check = checks.get(i);
            select.getSelectList().get(i).accept(new SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlCall call) {
                    if (call.getKind().belongsTo(SqlKind.QUERY)) {
                        throw refused(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot use subquery", check);
                    }
                    String name = call.getOperator().getName().toLowerCase(Locale.ROOT);
                    if (SEQUENCE_FUNCTIONS.contains(name)) {
                        throw refused(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot use " + name + "()", check);
                    }
                    return super.visit(call);
                }

                @Override
                public Void visit(SqlDynamicParam param) {
                    throw refused(ErrorCode.FEATURE_NOT_SUPPORTED, "cannot use a parameter", check);
                }
            });
        }
    }

    /** Refuses aggregates and window functions, which only the validator tells from other calls. */
    static void refuseAfterValidation(SqlSelect select, SqlValidator validator, List<CheckDef> checks) {
        for (int i = 0; i < select.getSelectList().size(); i++) {
            CheckDef check = checks.get(i);
            select.getSelectList().get(i).accept(new SqlBasicVisitor<Void>() {
                @Override
                public Void visit(SqlCall call) {
                    if (call.getKind() == SqlKind.OVER) {
                        throw refused(ErrorCode.GROUPING_ERROR, "window functions are not allowed", check);
                    }
                    if (call.getOperator().isAggregator()) {
                        throw refused(ErrorCode.GROUPING_ERROR, "aggregate functions are not allowed", check);
                    }
                    return super.visit(call);
                }
            });
        }
        if (validator.isAggregate(select)) {
            throw refused(ErrorCode.GROUPING_ERROR, "aggregate functions are not allowed", checks.get(0));
        }
    }

    /** The ids of the table's columns that {@code expression} (validated) names, in the table's column order. */
    static List<Integer> columns(TableDef table, SqlNode expression) {
        Set<String> named = new HashSet<>();
        expression.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlIdentifier id) {
                named.add(id.names.get(id.names.size() - 1));
                return null;
            }
        });
        List<Integer> ids = new ArrayList<>();
        for (ColumnDef c : table.columns()) {
            if (named.contains(c.name())) ids.add(c.id());
        }
        return ids;
    }

    private static ShardSqlException refused(ErrorCode code, String what, CheckDef check) {
        return new ShardSqlException(code, what + " in check constraint \"" + check.name() + "\"");
    }
}
