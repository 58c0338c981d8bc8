package io.shardsql.sql.calcite;

import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelNode;

/**
 * A relational operator that runs against the shards themselves (today: {@link ShardTableScan}, with
 * key bounds, projection and limit pushed into it). {@link ShardToEnumerableConverter} hands its rows
 * to Calcite's enumerable operators for everything above.
 */
public interface ShardRel extends RelNode {
    Convention CONVENTION = new Convention.Impl("SHARD", ShardRel.class);
}
