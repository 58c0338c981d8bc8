package io.shardsql.storage.raft.machine;

import io.shardsql.storage.raft.command.ShardQuery;

import io.shardsql.storage.EntryFilter;

/**
 * Turns the filter program a {@link ShardQuery.Scan} carries into the {@link EntryFilter} a replica
 * runs over the entries it scans. The storage layer does not know what programs say (the SQL layer
 * writes them, about its rows); the node plugs the interpreter in.
 */
@FunctionalInterface
public interface ScanFilters {
    /**
     * No interpreter: every program keeps every entry. Correct, as a pushed-down filter is only ever a
     * pre-filter; just slower.
     */
    ScanFilters KEEP_ALL = program -> EntryFilter.ALL;

    /** The filter {@code program} describes; throws {@link io.shardsql.common.ShardSqlException} if it is malformed. */
    EntryFilter compile(byte[] program);
}
