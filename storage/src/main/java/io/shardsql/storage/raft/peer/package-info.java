/**
 * Reads forwarded to the node that leads a group, over a plain TCP read port instead of gRPC:
 * {@link io.shardsql.storage.raft.peer.PeerReadClient} (one shared connection per peer, pipelined),
 * {@link io.shardsql.storage.raft.peer.BlockingPeerReads} (a waiting caller's own pooled socket),
 * {@link io.shardsql.storage.raft.peer.PeerReadServer} (answers with the leader's in-process read) and their
 * frames ({@link io.shardsql.storage.raft.peer.PeerReadFrame}).
 */
package io.shardsql.storage.raft.peer;
