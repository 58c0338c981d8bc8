package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.shardsql.protocol.ProtocolConfig;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.Message;
import io.shardsql.protocol.message.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every message survives encode → decode, directly and through a Netty pipeline, split at every byte. */
@Timeout(120)
class MessageRoundTripTest {

    @Test
    void samplesCoverEveryMessageType() {
        Set<MessageType> seen = EnumSet.noneOf(MessageType.class);
        Samples.clientMessages().forEach(m -> seen.add(MessageType.of(m)));
        Samples.serverMessages().forEach(m -> seen.add(MessageType.of(m)));
        assertThat(seen).containsExactlyInAnyOrder(MessageType.values());
    }

    @Test
    void typeCodesAreUniqueAndDirectionsSeparate() {
        for (MessageType t : MessageType.values()) {
            assertThat(MessageType.ofCode(t.code())).isSameAs(t);
            assertThat(t.code() < 0x40).isEqualTo(t.fromClient());
        }
    }

    @Test
    void clientMessagesRoundTrip() {
        int id = 1;
        for (ClientMessage m : Samples.clientMessages()) {
            ByteBuf frame = frameWithoutLength(id, m);
            try {
                assertThat(MessageCodec.decodeClientMessage(frame)).isEqualTo(Envelope.of(id, m));
            } finally {
                frame.release();
            }
            id++;
        }
    }

    @Test
    void serverMessagesRoundTrip() {
        int id = -5;
        for (ServerMessage m : Samples.serverMessages()) {
            ByteBuf frame = frameWithoutLength(id, m);
            try {
                assertThat(MessageCodec.decodeServerMessage(frame)).isEqualTo(Envelope.of(id, m));
            } finally {
                frame.release();
            }
            id++;
        }
    }

    @Test
    void lengthFieldCountsTypeRequestIdAndBody() {
        byte[] ping = Frames.encode(3, new io.shardsql.protocol.message.Ping());
        assertThat(ping).containsExactly(0, 0, 0, 5, 0x0F, 0, 0, 0, 3);
    }

    @Test
    void pipelineRoundTripBothDirections() {
        EmbeddedChannel client = Frames.clientChannel(ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
        EmbeddedChannel server = Frames.serverChannel(ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
        List<Envelope<?>> sent = new ArrayList<>();
        int id = 1;
        for (ClientMessage m : Samples.clientMessages()) {
            Envelope<ClientMessage> e = Envelope.of(id++, m);
            sent.add(e);
            client.writeOutbound(e);
        }
        for (Object bytes; (bytes = client.readOutbound()) != null; ) server.writeInbound(bytes);
        assertThat(Frames.drainInbound(server)).isEqualTo(sent);

        sent.clear();
        for (ServerMessage m : Samples.serverMessages()) {
            Envelope<ServerMessage> e = Envelope.of(id++, m);
            sent.add(e);
            server.writeOutbound(e);
        }
        for (Object bytes; (bytes = server.readOutbound()) != null; ) client.writeInbound(bytes);
        assertThat(Frames.drainInbound(client)).isEqualTo(sent);
        assertThat(client.finish()).isFalse();
        assertThat(server.finish()).isFalse();
    }

    @Test
    void streamFedOneByteAtATimeDecodesEveryMessage() {
        List<Envelope<?>> sent = new ArrayList<>();
        byte[] stream = concat(Samples.clientMessages(), sent);
        EmbeddedChannel server = Frames.serverChannel(ProtocolConfig.DEFAULT_MAX_FRAME_BYTES);
        for (int i = 0; i < stream.length; i++) Frames.writeBytes(server, stream, i, i + 1);
        assertThat(Frames.drainInbound(server)).isEqualTo(sent);
        server.finishAndReleaseAll();
    }

    @Test
    void everySplitPointOfEverySmallFrameDecodes() {
        List<Message> all = new ArrayList<>(Samples.clientMessages());
        all.addAll(Samples.serverMessages());
        int checked = 0;
        for (Message m : all) {
            byte[] frame = Frames.encode(9, m);
            if (frame.length > 4096) continue;
            for (int split = 0; split <= frame.length; split++) {
                EmbeddedChannel ch = m instanceof ClientMessage ? Frames.serverChannel(1 << 20)
                        : Frames.clientChannel(1 << 20);
                Frames.writeBytes(ch, frame, 0, split);
                if (split < frame.length) assertThat(Frames.next(ch.readInbound())).isNull();
                Frames.writeBytes(ch, frame, split, frame.length);
                assertThat(Frames.drainInbound(ch)).containsExactly(Envelope.of(9, m));
                ch.finishAndReleaseAll();
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(30);
    }

    private static byte[] concat(List<? extends Message> messages, List<Envelope<?>> sent) {
        List<byte[]> frames = new ArrayList<>();
        int id = 100;
        for (Message m : messages) {
            if (Frames.encode(0, m).length > 100_000) continue; // one byte at a time: keep the stream short
            sent.add(Envelope.of(id, m));
            frames.add(Frames.encode(id++, m));
        }
        byte[] all = new byte[frames.stream().mapToInt(f -> f.length).sum()];
        int at = 0;
        for (byte[] f : frames) {
            System.arraycopy(f, 0, all, at, f.length);
            at += f.length;
        }
        return all;
    }

    private static ByteBuf frameWithoutLength(int requestId, Message m) {
        byte[] bytes = Frames.encode(requestId, m);
        assertThat(Arrays.copyOfRange(bytes, 0, 4)).isEqualTo(Unpooled.copyInt(bytes.length - 4).array());
        return Unpooled.wrappedBuffer(bytes, 4, bytes.length - 4);
    }
}
