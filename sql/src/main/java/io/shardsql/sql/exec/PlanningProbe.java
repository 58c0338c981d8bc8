package io.shardsql.sql.exec;

import io.shardsql.sql.calcite.Parameters;
import io.shardsql.sql.calcite.ShardDataContext;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.parser.ShardSqlParser;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A hook for benchmarks: the engine's own work on a statement before it touches storage, over a catalog
 * given as it is and without a cluster. {@link #planCold} is the work of a statement seen for the first
 * time (parse, validate, optimise, compile); {@link #bindCached} the hot path of a cached prepared statement
 * (find the compiled plan by catalog version and text, convert the parameters, build the data context,
 * bind the plan). Plans are bound without a transaction and never run, so nothing reads storage.
 * Not thread-safe.
 */
public final class PlanningProbe {
    private final CatalogSnapshot catalog;
    private final PlanningSchema schema;
    private final PlanCache cache = new PlanCache(2048);
    private final AtomicBoolean cancelled = new AtomicBoolean();

    private PlanningProbe(CatalogSnapshot catalog, int shardCount) {
        this.catalog = catalog;
        this.schema = PlanningSchema.of(catalog, shardCount, null, ClusterView.NONE, SnapshotCommands.NONE);
    }

    /** A probe planning against {@code catalog} with tables spread over {@code shardCount} shards. */
    public static PlanningProbe of(CatalogSnapshot catalog, int shardCount) {
        return new PlanningProbe(catalog, shardCount);
    }

    /** Parses, validates, optimises and compiles {@code sql} from scratch; the plan cache is left alone. */
    public void planCold(String sql) {
        QueryPlanner.plan(ShardSqlParser.parse(sql), schema);
    }

    /**
     * Plans {@code sql} from scratch as {@link #planCold} does and times its two halves: parsing, validating
     * and optimising, then generating and compiling the code. Joins are ordered heuristically from
     * {@code heuristicFrom} joins on ({@link Integer#MAX_VALUE}: never, the planner before join ordering).
     */
    public PhaseTimes planPhases(String sql, int heuristicFrom) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long c0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        QueryPlanner.Optimised optimised = QueryPlanner.optimise(ShardSqlParser.parse(sql), schema,
                new JoinOrderProgram(heuristicFrom));
        long c1 = threads.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        PreparedPlan plan = QueryPlanner.compile(optimised);
        long c2 = threads.getCurrentThreadCpuTime();
        long t2 = System.nanoTime();
        return new PhaseTimes(t1 - t0, t2 - t1, c1 - c0, c2 - c1, optimised.joinOrder().name(), plan.explain());
    }

    /** The join order from which {@link #planPhases} orders joins heuristically by default. */
    public static int defaultHeuristicFrom() {
        return JoinOrderProgram.DEFAULT_HEURISTIC_FROM;
    }

    /**
     * What {@link #planPhases} measured.
     *
     * @param optimiseNanos    parse, validate, convert and optimise (elapsed)
     * @param compileNanos     generate the plan's Java code and compile it with Janino (elapsed)
     * @param optimiseCpuNanos {@code optimiseNanos} in the planning thread's CPU time
     * @param compileCpuNanos  {@code compileNanos} in the planning thread's CPU time
     * @param joinOrder        how the joins were ordered: EXHAUSTIVE or HEURISTIC
     * @param explain          the plan, as EXPLAIN prints it
     */
    public record PhaseTimes(long optimiseNanos, long compileNanos, long optimiseCpuNanos, long compileCpuNanos,
                             String joinOrder, String explain) {}

    /** Plans {@code sql} and caches the plan, for {@link #bindCached}. */
    public void cache(String sql) {
        cache.put(sql, QueryPlanner.plan(ShardSqlParser.parse(sql), schema));
    }

    /**
     * The hot path of a prepared statement {@link #cache}d before: finds its plan, converts {@code params}
     * to the plan's parameter types, builds the data context and binds the plan (without running it).
     * Returns what binding gave, for a benchmark to consume so the work is not optimised away.
     */
    public Object bindCached(String sql, List<?> params) {
        PreparedPlan plan = cache.get(catalog.version(), sql);
        if (plan == null) throw new IllegalStateException("not cached: " + sql);
        Object[] internal = new Object[params.size()];
        for (int i = 0; i < internal.length; i++) {
            internal[i] = Parameters.toInternal(plan.parameters().get(i), params.get(i), i);
        }
        ShardDataContext ctx = new ShardDataContext(plan.schema().root().plus(), plan.schema().typeFactory(), null,
                null, plan.stashed(), Arrays.asList(internal), 0L, cancelled);
        return plan.bindable().bind(ctx);
    }
}
