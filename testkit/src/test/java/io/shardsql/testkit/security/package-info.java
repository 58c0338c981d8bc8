/** Integration tests of privileges and logins over the JDBC driver and the wire protocol (docs/security.md). */
package io.shardsql.testkit.security;
