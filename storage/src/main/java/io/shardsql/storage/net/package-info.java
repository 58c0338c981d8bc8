/**
 * Netty plumbing shared by a node's network servers and clients: which transport (epoll or NIO) and
 * event loop groups to use, and the node's TLS identity on its links to other nodes ({@link
 * io.shardsql.storage.net.NodeTls}).
 */
package io.shardsql.storage.net;
