package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.message.Envelope;

/**
 * Writes {@link Envelope}s as frames (see {@link MessageCodec}). A message whose frame would exceed the
 * maximum fails its write with a {@link io.shardsql.protocol.ProtocolException} and sends nothing: the
 * sender learns of it, rather than the peer closing the connection. Stateless, so one instance may
 * serve every channel.
 */
@ChannelHandler.Sharable
public final class MessageEncoder extends MessageToByteEncoder<Envelope<?>> {
    private final int maxFrameBytes;

    public MessageEncoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    public MessageEncoder() {
        this(ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Envelope<?> envelope, ByteBuf out) {
        MessageCodec.encode(envelope, out, maxFrameBytes);
    }
}
