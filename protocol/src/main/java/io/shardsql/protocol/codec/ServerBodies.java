package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.shardsql.protocol.message.AuthChallenge;
import io.shardsql.protocol.message.AuthOk;
import io.shardsql.protocol.message.BatchResult;
import io.shardsql.protocol.message.ColumnMetadata;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.HelloReply;
import io.shardsql.protocol.message.ParameterMetadata;
import io.shardsql.protocol.message.Prepared;
import io.shardsql.protocol.message.ResultHeader;
import io.shardsql.protocol.message.RowBatch;
import io.shardsql.protocol.message.UpdateCount;

/** Body codecs of the messages a server sends; each message's layout is drawn in its record's Javadoc. */
final class ServerBodies {
    private ServerBodies() {}

    /** The smallest encoded ColumnMetadata: two empty strings, three i32, one u8. */
    private static final int MIN_COLUMN_BYTES = 2 + 12 + 1;
    private static final int MIN_PARAMETER_BYTES = 1 + 12 + 1;

    static final BodyCodec<HelloReply> HELLO_REPLY = BodyCodec.of(
            (out, m) -> {
                out.writeByte(m.version());
                Wire.writeString(out, m.serverVersion());
                writeChallenge(out, m.challenge());
            },
            in -> new HelloReply(Wire.readU8(in), Wire.readString(in), readChallenge(in)));

    static final BodyCodec<AuthOk> AUTH_OK = BodyCodec.of(
            (out, m) -> {
                out.writeLong(m.sessionId());
                out.writeLong(m.cancelSecret());
                Wire.writeBytes(out, m.serverSignature());
                out.writeByte(m.isolation());
                out.writeByte(m.supportedIsolations());
            },
            in -> new AuthOk(Wire.readLong(in), Wire.readLong(in), Wire.readBytes(in), Wire.readU8(in),
                    Wire.readU8(in)));

    static final BodyCodec<Prepared> PREPARED = BodyCodec.of(
            (out, m) -> {
                out.writeLong(m.statementId());
                Wire.writeList(out, m.parameters(), ServerBodies::writeParameter);
                Wire.writeList(out, m.columns(), ServerBodies::writeColumn);
            },
            in -> new Prepared(Wire.readLong(in), Wire.readList(in, MIN_PARAMETER_BYTES, ServerBodies::readParameter),
                    Wire.readList(in, MIN_COLUMN_BYTES, ServerBodies::readColumn)));

    static final BodyCodec<ResultHeader> RESULT_HEADER = BodyCodec.of(
            (out, m) -> {
                out.writeLong(m.cursorId());
                Wire.writeList(out, m.columns(), ServerBodies::writeColumn);
            },
            in -> new ResultHeader(Wire.readLong(in), Wire.readList(in, MIN_COLUMN_BYTES, ServerBodies::readColumn)));

    static final BodyCodec<RowBatch> ROW_BATCH = BodyCodec.of(
            (out, m) -> {
                Wire.writeBool(out, m.last());
                Wire.writeList(out, m.rows(), ValueCodec::writeRow);
            },
            in -> {
                boolean last = Wire.readBool(in);
                return new RowBatch(Wire.readList(in, 1, ValueCodec::readRow), last);
            });

    static final BodyCodec<UpdateCount> UPDATE_COUNT = BodyCodec.of(
            (out, m) -> out.writeLong(m.count()),
            in -> new UpdateCount(Wire.readLong(in)));

    static final BodyCodec<BatchResult> BATCH_RESULT = BodyCodec.of(
            (out, m) -> Wire.writeList(out, m.counts(), ByteBuf::writeLong),
            in -> new BatchResult(Wire.readList(in, 8, Wire::readLong)));

    static final BodyCodec<ErrorReply> ERROR = BodyCodec.of(
            (out, m) -> {
                Wire.writeString(out, m.sqlState());
                out.writeInt(m.vendorCode());
                Wire.writeString(out, m.message());
                out.writeInt(m.line());
                out.writeInt(m.column());
            },
            in -> new ErrorReply(Wire.readString(in), Wire.readInt(in), Wire.readString(in), Wire.readInt(in),
                    Wire.readInt(in)));

    private static void writeChallenge(ByteBuf out, AuthChallenge c) {
        Wire.writeString(out, c.method());
        Wire.writeBytes(out, c.salt());
        out.writeInt(c.iterations());
        Wire.writeBytes(out, c.serverNonce());
    }

    private static AuthChallenge readChallenge(ByteBuf in) {
        return new AuthChallenge(Wire.readString(in), Wire.readBytes(in), Wire.readInt(in), Wire.readBytes(in));
    }

    private static void writeColumn(ByteBuf out, ColumnMetadata c) {
        Wire.writeString(out, c.name());
        out.writeInt(c.jdbcType());
        Wire.writeString(out, c.typeName());
        out.writeInt(c.precision());
        out.writeInt(c.scale());
        out.writeByte(c.nullable());
    }

    private static ColumnMetadata readColumn(ByteBuf in) {
        return new ColumnMetadata(Wire.readString(in), Wire.readInt(in), Wire.readString(in), Wire.readInt(in),
                Wire.readInt(in), Wire.readU8(in));
    }

    private static void writeParameter(ByteBuf out, ParameterMetadata p) {
        out.writeInt(p.jdbcType());
        Wire.writeString(out, p.typeName());
        out.writeInt(p.precision());
        out.writeInt(p.scale());
        out.writeByte(p.nullable());
    }

    private static ParameterMetadata readParameter(ByteBuf in) {
        return new ParameterMetadata(Wire.readInt(in), Wire.readString(in), Wire.readInt(in), Wire.readInt(in),
                Wire.readU8(in));
    }
}
