package io.shardsql.sql.exec;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.calcite.ShardTable;
import io.shardsql.sql.calcite.ShardTypeSystem;
import io.shardsql.sql.calcite.ShardTypes;
import io.shardsql.sql.catalog.CheckDef;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.parser.ShardSqlParser;
import io.shardsql.sql.rows.CheckConstraints;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CHECK constraints compiled by Calcite. A table's checks are planned as the query
 * <pre>
 * SELECT (check1), (check2), ... FROM t
 * </pre>
 * against a schema holding only {@code t}; the projection over the table's row is compiled once per table
 * definition into a function (input: the row's columns in Calcite's representation; output: one boolean per
 * check), which the writer calls for each row it writes. What a CHECK may contain is decided on the same
 * validated tree ({@link CheckExpressionRules}).
 */
public final class CalciteCheckConstraints implements CheckConstraints {
    private static final SqlParserPos POS = SqlParserPos.ZERO;
    private static final int MAX_CACHED = 1024;
    private static final JavaTypeFactoryImpl TYPES = new JavaTypeFactoryImpl(ShardTypeSystem.INSTANCE);
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    /** The compiled checks of one table definition. */
    private record Compiled(List<CheckDef> checks, Function1<DataContext, Object[]> function) {}

    /** A validated {@code SELECT (check), ... FROM t}, with the validator that validated it. */
    private record Validated(SqlSelect select, SqlValidator validator, CalciteCatalogReader reader,
                             JavaTypeFactoryImpl types) {}

    private final Map<TableDef, Compiled> compiled = new ConcurrentHashMap<>();

    @Override
    public void verify(TableDef table, Object[] row) {
        if (table.checks().isEmpty()) return;
        Compiled c = compiled.get(table);
        if (c == null) {
            if (compiled.size() >= MAX_CACHED) compiled.clear();
            c = compile(table);
            compiled.put(table, c);
        }
        List<ColumnDef> cols = table.columns();
        Object[] input = new Object[cols.size()];
        for (int i = 0; i < input.length; i++) input[i] = ShardTypes.toInternal(cols.get(i).type(), row[i]);
        Object[] out;
        try {
            out = c.function().apply(new CheckInput(input));
        } catch (RuntimeException | ExceptionInInitializerError e) {
            throw SqlErrors.translate(e);
        }
        for (int i = 0; i < out.length; i++) {
            if (Boolean.FALSE.equals(out[i])) {
                throw new ShardSqlException(ErrorCode.CHECK_VIOLATION, "new row for relation \"" + table.name()
                        + "\" violates check constraint \"" + c.checks().get(i).name() + "\": failing row contains "
                        + describe(row));
            }
        }
    }

    @Override
    public List<Integer> validate(TableDef table, CheckDef check) {
        Validated v = validated(table.withChecks(List.of(check)));
        SqlNode expression = v.select().getSelectList().get(0);
        if (expression.getKind() == SqlKind.AS) expression = ((SqlCall) expression).operand(0);
        SqlTypeName type = v.validator().getValidatedNodeType(expression).getSqlTypeName();
        if (type != SqlTypeName.BOOLEAN && type != SqlTypeName.NULL) {
            throw new ShardSqlException(ErrorCode.DATATYPE_MISMATCH, "argument of CHECK must be type boolean, not type "
                    + type.getName().toLowerCase(Locale.ROOT) + " (constraint \"" + check.name() + "\")");
        }
        compile(table.withChecks(List.of(check))); // what the writer will run must compile: fail the DDL, not writes
        return CheckExpressionRules.columns(table, expression);
    }

    private Compiled compile(TableDef table) {
        Validated v = validated(table);
        RelOptCluster cluster = RelOptCluster.create(new VolcanoPlanner(), new RexBuilder(v.types()));
        SqlToRelConverter converter = new SqlToRelConverter(null, v.validator(), v.reader(), cluster,
                Convertlets.TABLE, SqlToRelConverter.config().withExpand(false)
                        .withInSubQueryThreshold(Integer.MAX_VALUE));
        RelNode rel = new ConvertToChecked(cluster.getRexBuilder(), ShardConformance.INSTANCE.checkedArithmetic())
                .visit(converter.convertQuery(v.select(), false, true).rel);
        if (!(rel instanceof Project project)
                || project.getInput().getRowType().getFieldCount() != table.columns().size()) {
            throw new ShardSqlException(ErrorCode.FEATURE_NOT_SUPPORTED, "the CHECK constraints of \""
                    + table.name() + "\" cannot be compiled to a row function: " + rel.explain());
        }
        Function1<DataContext, Object[]> function = RexExecutorImpl.getExecutable(cluster.getRexBuilder(),
                project.getProjects(), project.getInput().getRowType()).getFunction();
        return new Compiled(table.checks(), function);
    }

    /** The table's checks as a validated query over the table alone; errors name the SQLState of docs/sql.md. */
    private static Validated validated(TableDef table) {
        StringJoiner items = new StringJoiner(", ", "SELECT ", "");
        for (CheckDef c : table.checks()) items.add("(" + c.expression() + ")");
        SqlSelect select = (SqlSelect) ShardSqlParser.parse(items.toString());
        select.setFrom(new SqlIdentifier(table.name(), POS));
        CheckExpressionRules.refuseBeforeValidation(select, table.checks());
        JavaTypeFactoryImpl types = new JavaTypeFactoryImpl(ShardTypeSystem.INSTANCE);
        CalciteSchema root = CalciteSchema.createRootSchema(false, false);
        root.add(table.name(), new ShardTable(table, 1));
        CalciteCatalogReader reader = new CalciteCatalogReader(root, List.of(), types, PlanningSchema.CONFIG);
        SqlValidator validator = SqlValidatorUtil.newValidator(Operators.INSTANCE, reader, types,
                QueryPlanner.VALIDATOR);
        SqlSelect validatedSelect;
        try {
            TimeOfDayLiterals.check(select);
            validatedSelect = (SqlSelect) validator.validate(CaseLiterals.rewrite(DateUnitCalls.rewrite(select)));
        } catch (RuntimeException e) {
            ShardSqlException error = SqlErrors.translate(e);
            throw new ShardSqlException(error.code(), "in CHECK constraint " + names(table.checks()) + ": "
                    + error.getMessage(), e);
        }
        DateMinus.narrow(validatedSelect, validator);
        CheckExpressionRules.refuseAfterValidation(validatedSelect, validator, table.checks());
        return new Validated(validatedSelect, validator, reader, types);
    }

    private static String names(List<CheckDef> checks) {
        List<String> names = new ArrayList<>();
        for (CheckDef c : checks) names.add("\"" + c.name() + "\"");
        return String.join(", ", names);
    }

    /** {@code (1, x, null)}, as PostgreSQL shows a failing row. */
    private static String describe(Object[] row) {
        StringJoiner values = new StringJoiner(", ", "(", ")");
        for (Object v : row) {
            values.add(v instanceof byte[] b ? "\\x" + HexFormat.of().formatHex(b) : String.valueOf(v));
        }
        return values.toString();
    }

    /** What the compiled function reads: the row, and the clock for the time functions a CHECK may call. */
    private static final class CheckInput implements DataContext {
        private final Object[] input;
        private final long now = System.currentTimeMillis();

        CheckInput(Object[] input) {
            this.input = input;
        }

        @Override
        public SchemaPlus getRootSchema() { return null; }

        @Override
        public JavaTypeFactory getTypeFactory() { return TYPES; }

        @Override
        public QueryProvider getQueryProvider() { return null; }

        @Override
        public Object get(String name) {
            if (name.equals("inputRecord")) return input;
            if (name.equals(Variable.CURRENT_TIMESTAMP.camelName) || name.equals(Variable.LOCAL_TIMESTAMP.camelName)
                    || name.equals(Variable.UTC_TIMESTAMP.camelName)) {
                return now;
            }
            if (name.equals(Variable.TIME_ZONE.camelName)) return UTC;
            if (name.equals(Variable.LOCALE.camelName)) return Locale.ROOT;
            return null;
        }
    }
}
