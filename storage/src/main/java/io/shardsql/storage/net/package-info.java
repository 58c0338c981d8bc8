/**
 * Netty plumbing shared by a node's network servers and clients: which transport (epoll or NIO) and
 * event loop groups to use.
 */
package io.shardsql.storage.net;
