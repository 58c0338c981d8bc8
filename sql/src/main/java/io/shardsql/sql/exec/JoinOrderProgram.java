package io.shardsql.sql.exec;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.util.List;
import java.util.Objects;

/**
 * The optimisation program of one statement, chosen by its number of joins. Below
 * {@link #DEFAULT_HEURISTIC_FROM} joins, Calcite's standard program: the Volcano planner explores every
 * join order (commuting, associating and pushing joins through joins), which costs time exponential in the
 * number of joins (a 37-table join did not plan in five minutes). From {@link #DEFAULT_HEURISTIC_FROM}
 * joins on (as PostgreSQL past {@code join_collapse_limit}) the joins are ordered heuristically first and
 * the Volcano planner keeps that order. In Hep phases: the conditions of {@code WHERE} are pushed into the
 * joins, so that tables listed in {@code FROM} become equi-joins and not cross products; the joins are
 * flattened into multi-joins; each multi-join is ordered by Calcite's {@code MultiJoinOptimizeBushyRule}
 * (greedily joining the pair estimated to give the fewest rows, which may build a bushy tree), or by
 * {@code LoptOptimizeJoinRule} when it has outer joins (the bushy rule leaves those); unused fields are
 * trimmed again. Then the Volcano planner, without the join reordering rules and without merge joins
 * (whose sorted inputs multiply the plans it weighs), chooses the physical operators, with our scan,
 * filter, project, limit and index rules. The other steps are the standard program's: sub-queries
 * removed, decorrelated, fields trimmed, calcs merged. See docs/sql.md, "Join order".
 */
final class JoinOrderProgram {
    /** The number of joins (tables - 1) from which the join order is heuristic; see docs/sql.md. */
    static final int DEFAULT_HEURISTIC_FROM = 4;

    /** How a statement's joins were ordered. */
    enum Strategy {
        /** Not planned yet. */
        NONE,
        /** The Volcano planner explored every order. */
        EXHAUSTIVE,
        /** Ordered heuristically in a Hep phase, then kept. */
        HEURISTIC
    }

    /** The Volcano planner's rules taken out on the heuristic path. */
    private static final List<RelOptRule> REORDERING_RULES = List.of(CoreRules.JOIN_COMMUTE,
            CoreRules.JOIN_ASSOCIATE, JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT,
            EnumerableRules.ENUMERABLE_MERGE_JOIN_RULE);

    /** Inner joins with their conditions, flattened bottom up into multi-joins. */
    private static final HepProgram MULTI_JOINS = new HepProgramBuilder()
            .addMatchOrder(HepMatchOrder.BOTTOM_UP)
            .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
            .build();

    /** Multi-joins ordered: greedily and bushy, or (with outer joins, which the bushy rule leaves) by Lopt. */
    private static final HepProgram ORDERED = new HepProgramBuilder()
            .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE_BUSHY)
            .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
            .build();

    private final int heuristicFrom;
    private Strategy strategy = Strategy.NONE;

    /** A program ordering joins heuristically from {@link #DEFAULT_HEURISTIC_FROM} joins on. */
    JoinOrderProgram() {
        this(DEFAULT_HEURISTIC_FROM);
    }

    /** A program ordering joins heuristically from {@code heuristicFrom} joins on (a benchmark's A/B). */
    JoinOrderProgram(int heuristicFrom) {
        this.heuristicFrom = heuristicFrom;
    }

    /** How the last statement this program ran on had its joins ordered. */
    Strategy strategy() {
        return strategy;
    }

    /** The program: the standard one, or the heuristic join order's, by the statement's number of joins. */
    Program program() {
        return (planner, rel, requiredTraits, materializations, lattices) -> {
            boolean heuristic = RelOptUtil.countJoins(rel) >= heuristicFrom;
            strategy = heuristic ? Strategy.HEURISTIC : Strategy.EXHAUSTIVE;
            Program chosen = heuristic ? heuristic() : Programs.standard();
            return chosen.run(planner, rel, requiredTraits, materializations, lattices);
        };
    }

    private static Program heuristic() {
        var metadata = DefaultRelMetadataProvider.INSTANCE;
        return Programs.sequence(Programs.subQuery(metadata), Programs.decorrelate(), Programs.measure(metadata),
                Programs.trim(), Programs.hep(List.of(CoreRules.FILTER_INTO_JOIN), false, metadata),
                Programs.of(MULTI_JOINS, false, metadata), Programs.of(ORDERED, false, metadata), Programs.trim(),
                JoinOrderProgram::volcanoKeepingOrder, Programs.calc(metadata));
    }

    /** The Volcano planner with its rules less those that reorder joins. */
    private static RelNode volcanoKeepingOrder(RelOptPlanner planner, RelNode rel, RelTraitSet requiredTraits,
                                               List<?> materializations, List<?> lattices) {
        REORDERING_RULES.forEach(planner::removeRule);
        planner.setRoot(rel);
        RelNode root = rel.getTraitSet().equals(requiredTraits) ? rel : planner.changeTraits(rel, requiredTraits);
        planner.setRoot(root);
        return Objects.requireNonNull(planner.findBestExp(), "could not implement the plan");
    }
}
