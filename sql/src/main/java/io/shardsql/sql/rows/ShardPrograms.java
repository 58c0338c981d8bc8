package io.shardsql.sql.rows;

import io.shardsql.storage.EntryFilter;

/**
 * The interpreter a node plugs into its replicas ({@link io.shardsql.storage.raft.machine.ScanFilters}):
 * the programs the engine sends with its scans are either a {@link RowFilter} or a
 * {@link PartialAggregation}, told apart by their format byte.
 */
public final class ShardPrograms {
    private ShardPrograms() {}

    public static EntryFilter compile(byte[] program) {
        return PartialAggregation.isProgram(program) ? PartialAggregation.compile(program) : RowFilter.compile(program);
    }
}
