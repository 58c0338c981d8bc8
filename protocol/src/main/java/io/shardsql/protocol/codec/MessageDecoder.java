package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;

import java.util.List;

/**
 * Turns frames (from {@link FrameDecoder}) into {@link io.shardsql.protocol.message.Envelope}s: of client
 * messages on the server side, of server messages on the driver side. A frame that does not decode, or
 * that carries a message of the wrong direction, is a {@link io.shardsql.protocol.ProtocolException}.
 */
public final class MessageDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final boolean decodesClientMessages;
    private boolean failed;

    private MessageDecoder(boolean decodesClientMessages) {
        super(ByteBuf.class);
        this.decodesClientMessages = decodesClientMessages;
    }

    /** For a server: decodes what clients send. */
    public static MessageDecoder forServer() {
        return new MessageDecoder(true);
    }

    /** For a driver: decodes what servers send. */
    public static MessageDecoder forClient() {
        return new MessageDecoder(false);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        if (failed) return;
        try {
            out.add(decodesClientMessages ? MessageCodec.decodeClientMessage(frame)
                    : MessageCodec.decodeServerMessage(frame));
        } catch (RuntimeException e) {
            failed = true; // frames after a bad one are not read: the connection is being closed
            throw e;
        }
    }
}
