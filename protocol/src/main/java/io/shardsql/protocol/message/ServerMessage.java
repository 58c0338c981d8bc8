package io.shardsql.protocol.message;

/**
 * What a server sends: answers to requests, with the request's id. An {@link ErrorReply} with request
 * id 0 concerns the whole connection (a protocol error, an idle timeout, a shutdown): the server closes
 * the connection after it.
 */
public sealed interface ServerMessage extends Message
        permits HelloReply, AuthOk, Prepared, ResultHeader, RowBatch, UpdateCount, BatchResult, Done, Ok, Pong,
        ErrorReply {
}
