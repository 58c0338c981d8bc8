package io.shardsql.sql.exec;

import io.shardsql.sql.calcite.ShardTypeCoercion;
import io.shardsql.sql.calcite.InsertRows;
import io.shardsql.sql.calcite.MemoryCharges;
import io.shardsql.sql.calcite.StashedValues;
import io.shardsql.sql.calcite.OnConflict;
import io.shardsql.sql.calcite.ShardRules;
import io.shardsql.sql.calcite.ShardTableModify;
import io.shardsql.sql.calcite.ValuesLiterals;
import io.shardsql.sql.parser.SqlInsertOnConflict;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.config.CalciteConnectionConfigImpl;
import org.apache.calcite.config.CalciteConnectionProperty;
import org.apache.calcite.config.NullCollation;
import org.apache.calcite.plan.Context;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.sql.SqlExplainFormat;
import org.apache.calcite.sql.SqlExplainLevel;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.sql2rel.ConvertToChecked;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Plans and compiles a query or DML statement: Calcite validates it against the catalog version's
 * schema, converts it to relational algebra, and the Volcano planner optimises it with Calcite's rules
 * plus ours ({@link ShardRules}); the enumerable plan is
 * then compiled to Java. Not cached here: see {@link PlanCache}.
 */
final class QueryPlanner {
    static final SqlValidator.Config VALIDATOR = SqlValidator.Config.DEFAULT
            .withConformance(ShardConformance.INSTANCE)
            .withIdentifierExpansion(true)
            .withDefaultNullCollation(NullCollation.HIGH) // PostgreSQL: NULLs sort as if larger than any value
            .withTypeCoercionFactory(ShardTypeCoercion::new);

    /**
     * What some of Calcite's rules look up: the rule that turns {@code EXTRACT(YEAR FROM d) = 2024} or
     * {@code FLOOR(ts TO MONTH) = ...} into a range needs a time zone (timestamps have none here: UTC).
     */
    private static final Context PLANNER_CONTEXT = Contexts.of(new CalciteConnectionConfigImpl(new Properties())
            .set(CalciteConnectionProperty.TIME_ZONE, "UTC"));

    /** How validated SQL becomes relational algebra (statements and the views they expand alike). */
    static final SqlToRelConverter.Config CONVERTER = SqlToRelConverter.config().withTrimUnusedFields(true)
            .withExpand(false)
            // Folding casts while converting would cut a too-long string bound for a CHAR(n)
            // column before InsertRows can take the cast off; the planner folds the rest.
            .withRelBuilderConfigTransform(c -> c.withSimplify(false));

    private QueryPlanner() {}

    /** A validator over {@code schema} with our operators and conformance. */
    static SqlValidator newValidator(PlanningSchema schema) {
        return SqlValidatorUtil.newValidator(Operators.INSTANCE, schema.reader(), schema.typeFactory(), VALIDATOR);
    }

    /** Validates {@code statement} with our rewrites before and after (statements and view queries alike). */
    static SqlNode validate(SqlValidator validator, SqlNode statement) {
        TimeOfDayLiterals.check(statement);
        SqlNode validated = validator.validate(
                VolatileCalls.rewrite(CaseLiterals.rewrite(DateUnitCalls.rewrite(TypeNameCasts.rewrite(statement)))));
        DateMinus.narrow(withoutConflictClause(validated), validator); // DO UPDATE is ConflictClause's
        ValuesLiterals.approximate(validated, validator);
        return validated;
    }

    /**
     * What a view's query gives under {@code schema}: its columns as PostgreSQL names them, and the privileges
     * reading it needs (SELECT on each table and view it names). Validated and converted, not optimised.
     */
    static ViewShape analyzeView(SqlNode query, PlanningSchema schema) {
        SqlValidator validator = newValidator(schema);
        SqlNode validated = validate(validator, query);
        RelDataType rowType = ColumnNames.rename(validated, validator.getValidatedNodeType(validated),
                schema.typeFactory());
        VolcanoPlanner planner = new VolcanoPlanner(PLANNER_CONTEXT);
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(schema.typeFactory()));
        ViewExpander views = new ViewExpander(schema, cluster);
        RelRoot root = new SqlToRelConverter(views, validator, schema.reader(), cluster, Convertlets.TABLE, CONVERTER)
                .convertQuery(validated, false, true);
        return new ViewShape(rowType, PlanAccess.of(query, root.rel, views));
    }

    /** A view query's columns and what reading it needs. */
    record ViewShape(RelDataType rowType, java.util.Set<TableNeed> needs) {}

    /** The INSERT part of an INSERT ... ON CONFLICT (the validator did not see DO UPDATE's expressions). */
    private static SqlNode withoutConflictClause(SqlNode validated) {
        if (!(validated instanceof SqlInsertOnConflict c)) return validated;
        List<SqlNode> insert = c.getOperandList();
        return new SqlInsert(c.getParserPosition(), (SqlNodeList) insert.get(0), insert.get(1), insert.get(2),
                (SqlNodeList) insert.get(3));
    }

    /** Plans and compiles {@code statement}: {@link #optimise} then {@link #compile}. */
    static PreparedPlan plan(SqlNode statement, PlanningSchema schema) {
        return compile(optimise(statement, schema));
    }

    /**
     * A statement optimised to an enumerable plan, not yet compiled.
     *
     * @param joinOrder how the planner ordered the plan's joins
     */
    record Optimised(RelNode best, PreparedPlan.Kind kind, RelDataType rowType, List<RelDataType> parameters,
                     PlanningSchema schema, JoinOrderProgram.Strategy joinOrder, java.util.Set<TableNeed> needs) {}

    /** Validates {@code statement}, converts it to relational algebra and optimises it. */
    static Optimised optimise(SqlNode statement, PlanningSchema schema) {
        return optimise(statement, schema, new JoinOrderProgram());
    }

    /** {@link #optimise(SqlNode, PlanningSchema)} with the given join ordering (a benchmark's A/B). */
    static Optimised optimise(SqlNode statement, PlanningSchema schema, JoinOrderProgram joinOrder) {
        ViewTargets.check(statement, schema);
        OnConflict onConflict = ConflictClause.of(statement, schema, VALIDATOR);
        SqlValidator validator = newValidator(schema);
        SqlNode validated = validate(validator, statement);
        List<RelDataType> parameters = new ArrayList<>(validator.getParameterRowType(withoutConflictClause(validated))
                .getFieldList().stream().map(RelDataTypeField::getType).toList());
        // numbered after the INSERT's
        if (onConflict.update() != null) parameters.addAll(onConflict.update().parameters());

        VolcanoPlanner planner = new VolcanoPlanner(PLANNER_CONTEXT);
        planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
        planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
        RelOptUtil.registerDefaultRules(planner, false, false);
        planner.removeRule(EnumerableRules.ENUMERABLE_TABLE_MODIFICATION_RULE); // ours: ShardTableModifyRule
        ShardRules.ALL.forEach(planner::addRule);
        planner.setExecutor(RexUtil.EXECUTOR);
        RelOptCluster cluster = RelOptCluster.create(planner, new RexBuilder(schema.typeFactory()));
        ViewExpander views = new ViewExpander(schema, cluster);
        SqlToRelConverter converter = new SqlToRelConverter(views, validator, schema.reader(), cluster,
                Convertlets.TABLE, CONVERTER);
        RelRoot root = converter.convertQuery(validated, false, true);
        java.util.Set<TableNeed> needs = PlanAccess.of(statement, root.rel, views);
        // Exact arithmetic that overflows its type fails (22003) rather than wrapping around (PostgreSQL).
        root = root.withRel(new ConvertToChecked(cluster.getRexBuilder(), ShardConformance.INSTANCE.checkedArithmetic())
                .visit(root.rel));
        RelNode logical = InsertRows.typed(root.project());
        RelNode best = joinOrder.program().run(planner, logical,
                // VALUES carry composite collations
                logical.getTraitSet().replace(EnumerableConvention.INSTANCE).simplify(), List.of(), List.of());

        if (onConflict.action() != OnConflict.Action.ERROR) best = ((ShardTableModify) best).withOnConflict(onConflict);
        RowIdPlans.check(best);
        PreparedPlan.Kind kind = validated.getKind().belongsTo(SqlKind.DML) ? PreparedPlan.Kind.DML
                : PreparedPlan.Kind.QUERY;
        RelDataType rowType = kind == PreparedPlan.Kind.DML ? best.getRowType()
                : ColumnNames.rename(validated, root.validatedRowType, schema.typeFactory());
        return new Optimised(best, kind, rowType, parameters, schema, joinOrder.strategy(), needs);
    }

    /** Generates and compiles the Java code of an optimised plan. */
    static PreparedPlan compile(Optimised plan) {
        Map<String, Object> stashed = new HashMap<>();
        // EXPLAIN shows the plan as the planner chose it; what runs counts the memory its operators hold
        String explain = RelOptUtil.dumpPlan("", plan.best(), SqlExplainFormat.TEXT,
                SqlExplainLevel.EXPPLAN_ATTRIBUTES);
        Bindable<?> bindable = EnumerableInterpretable.toBindable(stashed, null,
                (EnumerableRel) MemoryCharges.place(StashedValues.place(plan.best())), EnumerableRel.Prefer.ARRAY);
        return new PreparedPlan(plan.schema().version(), plan.kind(), bindable, Map.copyOf(stashed), plan.rowType(),
                plan.parameters(), explain, plan.schema(), plan.needs());
    }
}
