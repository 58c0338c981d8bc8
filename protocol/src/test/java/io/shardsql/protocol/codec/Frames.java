package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.Message;

import java.util.ArrayList;
import java.util.List;

/** Test helpers: messages to frame bytes, and channels that decode them. */
final class Frames {
    private Frames() {}

    static byte[] encode(int requestId, Message m) {
        ByteBuf buf = Unpooled.buffer();
        try {
            MessageCodec.encode(Envelope.of(requestId, m), buf);
            byte[] bytes = new byte[buf.readableBytes()];
            buf.readBytes(bytes);
            return bytes;
        } finally {
            buf.release();
        }
    }

    static EmbeddedChannel serverChannel(int maxFrameBytes) {
        return new EmbeddedChannel(new FrameDecoder(maxFrameBytes), MessageDecoder.forServer(),
                new MessageEncoder(maxFrameBytes));
    }

    static EmbeddedChannel clientChannel(int maxFrameBytes) {
        return new EmbeddedChannel(new FrameDecoder(maxFrameBytes), MessageDecoder.forClient(),
                new MessageEncoder(maxFrameBytes));
    }

    static List<Envelope<?>> drainInbound(EmbeddedChannel ch) {
        List<Envelope<?>> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) out.add((Envelope<?>) o);
        return out;
    }

    /** Pins the type of {@code readInbound()} / {@code readOutbound()} for assertions. */
    static Object next(Object message) {
        return message;
    }

    static void writeBytes(EmbeddedChannel ch, byte[] bytes, int from, int to) {
        if (to > from) ch.writeInbound(Unpooled.wrappedBuffer(bytes, from, to - from));
    }
}
