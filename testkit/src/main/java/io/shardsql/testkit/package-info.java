/**
 * Test fixtures over real components: {@link io.shardsql.testkit.MiniCluster} (N nodes in one JVM on
 * loopback, stop/restart, leader lookup, state dump on failure) and
 * {@link io.shardsql.testkit.ProcessCluster} (N node processes, for {@code kill -9}).
 */
package io.shardsql.testkit;
