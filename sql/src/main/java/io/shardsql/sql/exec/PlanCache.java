package io.shardsql.sql.exec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Compiled plans by (catalog version, SQL text), least recently used evicted. A DDL statement raises the
 * catalog version, so plans of older versions are never found again and age out.
 */
final class PlanCache {
    private record Key(long version, String sql) {}

    private final Map<Key, PreparedPlan> plans;

    PlanCache(int capacity) {
        this.plans = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PreparedPlan> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized PreparedPlan get(long version, String sql) {
        return plans.get(new Key(version, sql));
    }

    synchronized void put(String sql, PreparedPlan plan) {
        plans.put(new Key(plan.catalogVersion(), sql), plan);
    }

    synchronized int size() {
        return plans.size();
    }
}
