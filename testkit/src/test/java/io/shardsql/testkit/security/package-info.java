/** Tests of the links between nodes: mutual TLS on the Raft and read ports, refused peers, fuzzed frames. */
package io.shardsql.testkit.security;
