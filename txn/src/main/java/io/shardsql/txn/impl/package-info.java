/**
 * How transactions work: the transaction object and its write buffer, the timestamp client, the
 * commit protocol, lock resolution, and the background services a node runs (coordinator recovery,
 * garbage collection with its safe point). See {@link io.shardsql.txn} for the protocol.
 */
package io.shardsql.txn.impl;
