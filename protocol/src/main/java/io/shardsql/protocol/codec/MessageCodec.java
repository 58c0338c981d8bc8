package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.Message;
import io.shardsql.protocol.message.ServerMessage;

/**
 * Frames ↔ {@link Envelope}s, without Netty's pipeline (the handlers delegate here; tests call it
 * directly). A frame on the wire:
 * <pre>
 * +----------------+----------+------------------+----------------------+
 * | length (4, BE) | type (1) | request id (4,BE)| body (length - 5)    |
 * +----------------+----------+------------------+----------------------+
 *   excludes itself; 5 .. max frame bytes (default 16 MiB)
 * </pre>
 * A body must be read exactly: bytes left over are an error as much as missing ones.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /**
     * Appends the whole frame of {@code envelope} (length included) to {@code out}.
     *
     * @throws ProtocolException if the frame would exceed {@code maxFrameBytes}; nothing is left in {@code out}
     */
    public static void encode(Envelope<?> envelope, ByteBuf out, int maxFrameBytes) {
        Message m = envelope.message();
        MessageType type = MessageType.of(m);
        int start = out.writerIndex();
        out.writeInt(0);
        out.writeByte(type.code());
        out.writeInt(envelope.requestId());
        type.<Message>body().write(out, m);
        int length = out.writerIndex() - start - 4;
        if (length > maxFrameBytes) {
            out.writerIndex(start);
            throw new ProtocolException("a " + type + " frame of " + length + " bytes exceeds the maximum of "
                    + maxFrameBytes);
        }
        out.setInt(start, length);
    }

    /** {@link #encode(Envelope, ByteBuf, int)} with the default maximum frame size. */
    public static void encode(Envelope<?> envelope, ByteBuf out) {
        encode(envelope, out, ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
    }

    /** Decodes a frame a client sent, without its length field: {@code | type | request id | body |}. */
    public static Envelope<ClientMessage> decodeClientMessage(ByteBuf frame) {
        return decode(frame, true);
    }

    /** Decodes a frame a server sent, without its length field: {@code | type | request id | body |}. */
    public static Envelope<ServerMessage> decodeServerMessage(ByteBuf frame) {
        return decode(frame, false);
    }

    private static <M extends Message> Envelope<M> decode(ByteBuf frame, boolean fromClient) {
        int typeCode = Wire.readU8(frame);
        int requestId = Wire.readInt(frame);
        MessageType type = MessageType.ofCode(typeCode);
        if (type == null || type.fromClient() != fromClient) {
            throw new ProtocolException(String.format("unknown %s message type 0x%02x",
                    fromClient ? "client" : "server", typeCode));
        }
        M message;
        try {
            message = type.<M>body().read(frame);
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ProtocolException("malformed " + type + " body: " + e.getMessage());
        }
        if (frame.isReadable()) {
            throw new ProtocolException(frame.readableBytes() + " bytes left over after a " + type + " body");
        }
        return new Envelope<>(requestId, message);
    }
}
