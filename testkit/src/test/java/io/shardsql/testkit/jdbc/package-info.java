/**
 * The JDBC driver against a real cluster: every driver feature over real sockets, a HikariCP pool
 * under concurrent load, failover across the URL's hosts, a bank workload of multi-shard transfers,
 * a result streamed through a JVM whose heap is smaller than the result, and sqlline with only the
 * driver jar.
 */
package io.shardsql.testkit.jdbc;
