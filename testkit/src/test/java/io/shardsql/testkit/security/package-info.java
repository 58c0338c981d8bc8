/**
 * Integration tests of security (docs/security.md): privileges and logins over the JDBC driver and the wire
 * protocol; the links between nodes (mutual TLS on the Raft and read ports, refused peers, fuzzed frames).
 */
package io.shardsql.testkit.security;
