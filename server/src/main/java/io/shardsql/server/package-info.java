/**
 * A ShardSQL node and how it starts: {@link io.shardsql.server.NodeConfig} (static membership),
 * {@link io.shardsql.server.DataDir} (identity checks before any data is touched),
 * {@link io.shardsql.server.Node} (storage environment + one Ratis server hosting the node's replicas),
 * {@link io.shardsql.server.EmbeddedCluster} (what {@code bin/shardsql start} runs) and
 * {@link io.shardsql.server.ClusterStatus} (what {@code bin/shardsql status} shows).
 */
package io.shardsql.server;
