package io.shardsql.sql.ddl;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.sql.catalog.CatalogSnapshot;
import io.shardsql.sql.catalog.CatalogStore;
import io.shardsql.sql.catalog.ViewDef;
import io.shardsql.txn.Transaction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The views that depend on a table or a view, directly or through other views (each view records what its
 * query reads: {@link ViewDef#dependsOn}), and what DDL does about them: refuse (RESTRICT, 2BP01), drop them
 * too (CASCADE), or check that they still mean what they meant after a column or name changed.
 */
final class ViewDependents {
    private ViewDependents() {}

    /** Every view that reads {@code relation}, directly or through other views; nearest first. */
    static List<ViewDef> of(CatalogSnapshot catalog, String relation) {
        Set<String> found = new LinkedHashSet<>();
        List<String> frontier = List.of(relation);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (ViewDef v : new TreeMap<>(catalog.views()).values()) {
                for (String r : frontier) {
                    if (v.dependsOn(r) && !v.name().equals(relation) && found.add(v.name())) next.add(v.name());
                }
            }
            frontier = next;
        }
        return found.stream().map(n -> catalog.views().get(n)).toList();
    }

    /**
     * Drops the views that depend on {@code relation} ({@code cascade}), or fails with 2BP01 if there are any
     * ({@code what}: "table t", "view v").
     */
    static void dropOrRefuse(Transaction tx, CatalogStore store, CatalogSnapshot catalog, String relation,
                             String what, boolean cascade) {
        List<ViewDef> dependents = of(catalog, relation);
        if (dependents.isEmpty()) return;
        if (!cascade) {
            throw new ShardSqlException(ErrorCode.DEPENDENT_OBJECTS_STILL_EXIST, "cannot drop " + what
                    + " because other objects depend on it: " + describe(dependents)
                    + " (use DROP ... CASCADE to drop the dependent objects too)");
        }
        for (ViewDef v : dependents) store.removeView(tx, v.name());
    }

    /**
     * After a change written in {@code tx} to the relation called {@code relation} before it: every view that
     * depends on it must still mean what it meant, else the statement fails with {@code code} ("cannot
     * {@code action}: view v depends on it").
     */
    static void check(Transaction tx, CatalogStore store, ViewAnalyzer analyzer, String relation, ErrorCode code,
                      String action) {
        CatalogSnapshot after = store.read(tx);
        Set<String> broken = new TreeSet<>();
        for (ViewDef v : of(after, relation)) {
            if (!analyzer.stillMeans(after, v)) broken.add(v.name());
        }
        if (!broken.isEmpty()) {
            throw new ShardSqlException(code, "cannot " + action + ": " + (broken.size() == 1 ? "view " : "views ")
                    + String.join(", ", broken) + (broken.size() == 1 ? " depends" : " depend") + " on it"
                    + " (ShardSQL keeps a view's query as text: drop the view, and create it again after)");
        }
    }

    private static String describe(List<ViewDef> views) {
        List<String> names = views.stream().map(v -> "view " + v.name()).toList();
        return String.join(", ", names);
    }
}
