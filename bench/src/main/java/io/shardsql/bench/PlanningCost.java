package io.shardsql.bench;

import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.ColumnDef;
import io.shardsql.sql.catalog.SqlType;
import io.shardsql.sql.catalog.TableDef;
import io.shardsql.sql.exec.PlanningProbe;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the engine spends on a statement before it touches storage, measured without a cluster through
 * the engine's {@link PlanningProbe}: planning and compiling a point select from scratch, and the hot path
 * of a cached prepared point select — finding the compiled plan by (catalog version, text), converting
 * the parameter, building the data context and binding the plan. Storage reads (the catalog version, the
 * row) are not included; SqlBench measures those end to end.
 *
 * <pre>bench/run-bench.sh PlanningCost</pre>
 */
public final class PlanningCost {
    private static final String SQL = "SELECT v, n FROM bench_kv WHERE id = ?";

    private PlanningCost() {}

    /** Runs the measurement and prints a Markdown table. */
    public static void main(String[] args) {
        TableDef kv = new TableDef(10, "bench_kv",
                List.of(new ColumnDef(1, "id", SqlType.of(SqlType.Kind.BIGINT), false, null),
                        new ColumnDef(2, "v", SqlType.varchar(100), true, null),
                        new ColumnDef(3, "n", SqlType.of(SqlType.Kind.INTEGER), true, null)),
                List.of(1), List.of(), 4);
        PlanningProbe probe = PlanningProbe.of(new CatalogSnapshot(1, Map.of("bench_kv", kv)), 4);

        int cold = 50;
        for (int i = 0; i < cold; i++) probe.planCold(SQL); // JIT warm-up
        long t0 = System.nanoTime();
        for (int i = 0; i < cold; i++) probe.planCold(SQL);
        double coldMs = (System.nanoTime() - t0) / 1e6 / cold;

        probe.cache(SQL);
        long sink = 0;
        int hot = 2_000_000;
        for (int round = 0; round < 2; round++) { // the first round warms up
            t0 = System.nanoTime();
            for (int i = 0; i < hot; i++) sink += probe.bindCached(SQL, List.of((long) i)).hashCode();
        }
        double hotMicros = (System.nanoTime() - t0) / 1e3 / hot;
        System.out.println("| engine step (no storage) | per statement |");
        System.out.println("|---|---:|");
        System.out.printf(Locale.ROOT, "| %s | %.2f ms |%n",
                "parse + validate + optimise + compile a point select (cold plan)", coldMs);
        System.out.printf(Locale.ROOT, "| %s | %.2f µs |%n",
                "cached prepared point select: plan lookup, parameter, context, bind", hotMicros);
        if (sink == 42) System.out.println();
    }
}
