/**
 * Tests of a node's SQL endpoint at the protocol level: {@link io.shardsql.testkit.wire.WireClient}
 * speaks docs/protocol.md frame by frame (no JDBC driver in between), so the tests can also send what
 * no driver would: requests out of order, malformed and truncated frames.
 */
package io.shardsql.testkit.wire;
