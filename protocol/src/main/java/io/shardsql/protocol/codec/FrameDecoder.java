package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.ProtocolException;

import java.util.List;

/**
 * Cuts the byte stream into frames and passes on each one without its length field, as a
 * {@code | type | request id | body |} buffer. The length is checked as soon as its 4 bytes arrive: a
 * length below 5 (negative included) or above the maximum is a {@link ProtocolException}, so an
 * oversized frame is never buffered. After that error the decoder drops everything it receives: the
 * connection cannot be trusted any more and is about to be closed.
 * <pre>
 * | length (4, BE, excludes itself) | type (1) | request id (4, BE) | body |
 * </pre>
 */
public final class FrameDecoder extends ByteToMessageDecoder {
    private final int maxFrameBytes;
    private boolean failed;

    public FrameDecoder(int maxFrameBytes) {
        if (maxFrameBytes < ProtocolConfig.MIN_FRAME_BYTES) throw new IllegalArgumentException(
                "max frame bytes too small: " + maxFrameBytes);
        this.maxFrameBytes = maxFrameBytes;
    }

    public FrameDecoder() {
        this(ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < 4) return;
        int length = in.getInt(in.readerIndex());
        try {
            checkLength(length, maxFrameBytes);
        } catch (ProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
        if (in.readableBytes() < 4 + length) return;
        in.skipBytes(4);
        out.add(in.readRetainedSlice(length));
    }

    /**
     * Checks a frame's length field before its body is read (also for readers outside Netty's pipeline).
     *
     * @throws ProtocolException if {@code length} is below 5 (negative included) or above {@code maxFrameBytes}
     */
    public static void checkLength(int length, int maxFrameBytes) {
        if (length < ProtocolConfig.MIN_FRAME_BYTES || length > maxFrameBytes) {
            throw new ProtocolException("frame length " + length + " outside " + ProtocolConfig.MIN_FRAME_BYTES + ".."
                    + maxFrameBytes);
        }
    }
}
