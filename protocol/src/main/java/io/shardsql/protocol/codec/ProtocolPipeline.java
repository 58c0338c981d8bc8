package io.shardsql.protocol.codec;

import io.netty.channel.ChannelPipeline;

/**
 * Puts the protocol's codecs into a channel pipeline, in order: frame decoder, message decoder,
 * message encoder. The caller's initializer adds TLS before and its own handler (and, on the server,
 * {@link ProtocolErrorHandler}) after.
 */
public final class ProtocolPipeline {
    public static final String FRAME_DECODER = "frame-decoder";
    public static final String MESSAGE_DECODER = "message-decoder";
    public static final String MESSAGE_ENCODER = "message-encoder";

    private ProtocolPipeline() {}

    /** A server's codecs: decodes client messages, encodes server messages. */
    public static ChannelPipeline addServerCodecs(ChannelPipeline pipeline, int maxFrameBytes) {
        return add(pipeline, maxFrameBytes, MessageDecoder.forServer());
    }

    /** A driver's codecs: decodes server messages, encodes client messages. */
    public static ChannelPipeline addClientCodecs(ChannelPipeline pipeline, int maxFrameBytes) {
        return add(pipeline, maxFrameBytes, MessageDecoder.forClient());
    }

    private static ChannelPipeline add(ChannelPipeline pipeline, int maxFrameBytes, MessageDecoder decoder) {
        return pipeline.addLast(FRAME_DECODER, new FrameDecoder(maxFrameBytes))
                .addLast(MESSAGE_DECODER, decoder)
                .addLast(MESSAGE_ENCODER, new MessageEncoder(maxFrameBytes));
    }
}
