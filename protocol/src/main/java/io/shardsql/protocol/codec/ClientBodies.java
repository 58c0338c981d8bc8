package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.Authenticate;
import io.shardsql.protocol.message.Cancel;
import io.shardsql.protocol.message.CloseCursor;
import io.shardsql.protocol.message.CloseStatement;
import io.shardsql.protocol.message.Execute;
import io.shardsql.protocol.message.ExecuteBatch;
import io.shardsql.protocol.message.Fetch;
import io.shardsql.protocol.message.Hello;
import io.shardsql.protocol.message.Prepare;
import io.shardsql.protocol.message.SetAutoCommit;
import io.shardsql.protocol.message.SetIsolation;
import io.shardsql.protocol.message.SetReadOnly;
import io.shardsql.protocol.message.StatementRef;
import io.shardsql.protocol.value.Value;

import java.util.List;

/** Body codecs of the messages a client sends; each message's layout is drawn in its record's Javadoc. */
final class ClientBodies {
    private ClientBodies() {}

    static final BodyCodec<Hello> HELLO = BodyCodec.of(
            (out, m) -> {
                Wire.writeList(out, m.versions(), (o, v) -> o.writeByte(v));
                Wire.writeString(out, m.clientName());
                Wire.writeString(out, m.user());
                Wire.writeString(out, m.authMethod());
                Wire.writeBytes(out, m.clientNonce());
            },
            in -> new Hello(Wire.readList(in, 1, Wire::readU8), Wire.readString(in), Wire.readString(in),
                    Wire.readString(in), Wire.readBytes(in)));

    static final BodyCodec<Authenticate> AUTHENTICATE = BodyCodec.of(
            (out, m) -> Wire.writeBytes(out, m.proof()),
            in -> new Authenticate(Wire.readBytes(in)));

    static final BodyCodec<Prepare> PREPARE = BodyCodec.of(
            (out, m) -> Wire.writeString(out, m.sql()),
            in -> new Prepare(Wire.readString(in)));

    static final BodyCodec<Execute> EXECUTE = BodyCodec.of(
            (out, m) -> {
                writeStatement(out, m.statement());
                Wire.writeList(out, m.parameters(), ValueCodec::write);
                Wire.writeU32(out, m.fetchSize());
                out.writeLong(m.maxRows());
                Wire.writeU32(out, m.timeoutMillis());
            },
            in -> new Execute(readStatement(in), readParameters(in), Wire.readU32(in, "fetch size"),
                    readMaxRows(in), Wire.readU32(in, "timeout")));

    static final BodyCodec<ExecuteBatch> EXECUTE_BATCH = BodyCodec.of(
            (out, m) -> {
                writeStatement(out, m.statement());
                Wire.writeList(out, m.parameterSets(), (o, set) -> Wire.writeList(o, set, ValueCodec::write));
                Wire.writeU32(out, m.timeoutMillis());
            },
            in -> new ExecuteBatch(readStatement(in), Wire.readList(in, 1, ClientBodies::readParameters),
                    Wire.readU32(in, "timeout")));

    static final BodyCodec<Fetch> FETCH = BodyCodec.of(
            (out, m) -> {
                out.writeLong(m.cursorId());
                Wire.writeU32(out, m.maxRows());
            },
            in -> new Fetch(Wire.readLong(in), Wire.readU32(in, "max rows")));

    static final BodyCodec<CloseStatement> CLOSE_STATEMENT = BodyCodec.of(
            (out, m) -> out.writeLong(m.statementId()),
            in -> new CloseStatement(Wire.readLong(in)));

    static final BodyCodec<CloseCursor> CLOSE_CURSOR = BodyCodec.of(
            (out, m) -> out.writeLong(m.cursorId()),
            in -> new CloseCursor(Wire.readLong(in)));

    static final BodyCodec<SetAutoCommit> SET_AUTO_COMMIT = BodyCodec.of(
            (out, m) -> Wire.writeBool(out, m.autoCommit()),
            in -> new SetAutoCommit(Wire.readBool(in)));

    static final BodyCodec<SetReadOnly> SET_READ_ONLY = BodyCodec.of(
            (out, m) -> Wire.writeBool(out, m.readOnly()),
            in -> new SetReadOnly(Wire.readBool(in)));

    static final BodyCodec<SetIsolation> SET_ISOLATION = BodyCodec.of(
            (out, m) -> out.writeByte(m.level()),
            in -> new SetIsolation(Wire.readU8(in)));

    static final BodyCodec<Cancel> CANCEL = BodyCodec.of(
            (out, m) -> {
                out.writeLong(m.sessionId());
                out.writeLong(m.secret());
                out.writeInt(m.requestId());
            },
            in -> new Cancel(Wire.readLong(in), Wire.readLong(in), Wire.readInt(in)));

    private static void writeStatement(ByteBuf out, StatementRef ref) {
        if (ref instanceof StatementRef.ById byId) {
            out.writeByte(0);
            out.writeLong(byId.statementId());
        } else if (ref instanceof StatementRef.Sql sql) {
            out.writeByte(1);
            Wire.writeString(out, sql.sql());
        } else {
            throw new IllegalStateException("no wire encoding for statement reference " + ref.getClass().getName());
        }
    }

    private static StatementRef readStatement(ByteBuf in) {
        int kind = Wire.readU8(in);
        return switch (kind) {
            case 0 -> StatementRef.byId(Wire.readLong(in));
            case 1 -> StatementRef.sql(Wire.readString(in));
            default -> throw new ProtocolException("unknown statement kind " + kind);
        };
    }

    private static List<Value> readParameters(ByteBuf in) {
        return Wire.readList(in, 1, ValueCodec::read);
    }

    private static long readMaxRows(ByteBuf in) {
        long maxRows = Wire.readLong(in);
        if (maxRows < 0) throw new ProtocolException("max rows must not be negative: " + maxRows);
        return maxRows;
    }
}
