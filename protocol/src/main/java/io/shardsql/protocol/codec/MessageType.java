package io.shardsql.protocol.codec;

import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.Cancel;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.Commit;
import io.shardsql.protocol.message.Done;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.Goodbye;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.Message;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Pong;
import io.shardsql.protocol.message.Prepare;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.Rollback;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.protocol.message.SetReadOnly;
import io.shardsql.protocol.message.UpdateCount;

import java.util.HashMap;
import java.util.Map;

/**
 * The type byte of each message and the codec of its body. Client messages use 0x01–0x3F, server
 * messages 0x41–0x7F. Codes are part of the protocol: never renumber one; a new message takes a new
 * code in a new protocol version.
 */
enum MessageType {
    HELLO(0x01, Hello.class, ClientBodies.HELLO),
    AUTHENTICATE(0x02, Authenticate.class, ClientBodies.AUTHENTICATE),
    PREPARE(0x03, Prepare.class, ClientBodies.PREPARE),
    EXECUTE(0x04, Execute.class, ClientBodies.EXECUTE),
    EXECUTE_BATCH(0x05, ExecuteBatch.class, ClientBodies.EXECUTE_BATCH),
    FETCH(0x06, Fetch.class, ClientBodies.FETCH),
    CLOSE_STATEMENT(0x07, CloseStatement.class, ClientBodies.CLOSE_STATEMENT),
    CLOSE_CURSOR(0x08, CloseCursor.class, ClientBodies.CLOSE_CURSOR),
    COMMIT(0x09, Commit.class, BodyCodec.empty(Commit::new)),
    ROLLBACK(0x0A, Rollback.class, BodyCodec.empty(Rollback::new)),
    SET_AUTO_COMMIT(0x0B, SetAutoCommit.class, ClientBodies.SET_AUTO_COMMIT),
    SET_READ_ONLY(0x0C, SetReadOnly.class, ClientBodies.SET_READ_ONLY),
    SET_ISOLATION(0x0D, SetIsolation.class, ClientBodies.SET_ISOLATION),
    CANCEL(0x0E, Cancel.class, ClientBodies.CANCEL),
    PING(0x0F, Ping.class, BodyCodec.empty(Ping::new)),
    GOODBYE(0x10, Goodbye.class, BodyCodec.empty(Goodbye::new)),

    HELLO_REPLY(0x41, HelloReply.class, ServerBodies.HELLO_REPLY),
    AUTH_OK(0x42, AuthOk.class, ServerBodies.AUTH_OK),
    PREPARED(0x43, Prepared.class, ServerBodies.PREPARED),
    RESULT_HEADER(0x44, ResultHeader.class, ServerBodies.RESULT_HEADER),
    ROW_BATCH(0x45, RowBatch.class, ServerBodies.ROW_BATCH),
    UPDATE_COUNT(0x46, UpdateCount.class, ServerBodies.UPDATE_COUNT),
    BATCH_RESULT(0x47, BatchResult.class, ServerBodies.BATCH_RESULT),
    DONE(0x48, Done.class, BodyCodec.empty(Done::new)),
    OK(0x49, Ok.class, BodyCodec.empty(Ok::new)),
    PONG(0x4A, Pong.class, BodyCodec.empty(Pong::new)),
    ERROR(0x4B, ErrorReply.class, ServerBodies.ERROR);

    private static final MessageType[] BY_CODE = new MessageType[256];
    private static final Map<Class<?>, MessageType> BY_CLASS = new HashMap<>();

    static {
        for (MessageType t : values()) {
            BY_CODE[t.code] = t;
            BY_CLASS.put(t.type, t);
        }
    }

    private final int code;
    private final Class<? extends Message> type;
    private final BodyCodec<? extends Message> body;

    MessageType(int code, Class<? extends Message> type, BodyCodec<? extends Message> body) {
        this.code = code;
        this.type = type;
        this.body = body;
    }

    int code() { return code; }

    boolean fromClient() { return ClientMessage.class.isAssignableFrom(type); }

    /** The type with this code, or null. */
    static MessageType ofCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }

    static MessageType of(Message m) {
        MessageType t = BY_CLASS.get(m.getClass());
        if (t == null) throw new IllegalStateException("no message type for " + m.getClass());
        return t;
    }

    @SuppressWarnings("unchecked")
    <M extends Message> BodyCodec<M> body() {
        return (BodyCodec<M>) body;
    }
}
