package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;
import io.shardsql.protocol.message.Ok;
import io.shardsql.protocol.message.Ping;
import io.shardsql.protocol.message.Prepare;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Truncated, oversized, negative, mistyped frames: a ProtocolException (08P01), then only a closed connection. */
@Timeout(60)
class MalformedFrameTest {
    private static final int MAX = 1024;

    @Test
    void negativeLengthIsAProtocolError() {
        assertProtocolError(0xFF, 0xFF, 0xFF, 0xFF);
        assertProtocolError(0x80, 0, 0, 0);
    }

    @Test
    void lengthTooSmallForTheHeaderIsAProtocolError() {
        for (int length = 0; length < 5; length++) assertProtocolError(0, 0, 0, length);
    }

    @Test
    void oversizedLengthFailsBeforeTheBodyArrives() {
        EmbeddedChannel ch = Frames.serverChannel(MAX);
        ByteBuf header = Unpooled.buffer().writeInt(MAX + 1);
        assertThatThrownBy(() -> ch.writeInbound(header)).satisfies(MalformedFrameTest::isProtocolError)
                .hasStackTraceContaining("outside 5..1024");
        ch.finishAndReleaseAll();
        assertProtocolError(0x7F, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void frameOfExactlyTheMaximumIsAccepted() {
        String sql = "x".repeat(MAX - 5 - 2); // type + request id, and a 2-byte varint length
        byte[] frame = Frames.encode(1, new Prepare(sql));
        assertThat(frame.length).isEqualTo(MAX + 4);
        EmbeddedChannel ch = Frames.serverChannel(MAX);
        ch.writeInbound(Unpooled.wrappedBuffer(frame));
        assertThat(Frames.drainInbound(ch)).containsExactly(Envelope.of(1, new Prepare(sql)));
        ch.finishAndReleaseAll();
    }

    @Test
    void truncatedBodiesAreProtocolErrors() {
        assertProtocolError(0, 0, 0, 5, 0x04, 0, 0, 0, 1);                // EXECUTE with an empty body
        assertProtocolError(0, 0, 0, 7, 0x03, 0, 0, 0, 1, 10, 'a');      // PREPARE whose string is cut short
        assertProtocolError(0, 0, 0, 9, 0x06, 0, 0, 0, 1, 0, 0, 0, 0);   // FETCH without its max rows
    }

    @Test
    void unknownOrWrongDirectionTypesAreProtocolErrors() {
        assertProtocolError(0, 0, 0, 5, 0x00, 0, 0, 0, 1);
        assertProtocolError(0, 0, 0, 5, 0xFF, 0, 0, 0, 1);
        assertProtocolError(0, 0, 0, 5, 0x49, 0, 0, 0, 1); // OK is a server message: a server does not accept it
        EmbeddedChannel client = Frames.clientChannel(MAX);
        assertThatThrownBy(() -> client.writeInbound(Unpooled.wrappedBuffer(Frames.encode(1, new Ping()))))
                .satisfies(MalformedFrameTest::isProtocolError)
                .hasStackTraceContaining("unknown server message type 0x0f");
        client.finishAndReleaseAll();
    }

    @Test
    void bytesLeftOverAfterABodyAreAProtocolError() {
        assertProtocolError(0, 0, 0, 6, 0x0F, 0, 0, 0, 1, 0);            // PING with one byte too many
        assertProtocolError(0, 0, 0, 7, 0x0B, 0, 0, 0, 1, 2, 0);         // SET_AUTO_COMMIT with bool 2
    }

    @Test
    void afterAnErrorNothingMoreIsDecoded() {
        EmbeddedChannel ch = Frames.serverChannel(MAX);
        byte[] ping = Frames.encode(1, new Ping());
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xFF, 0, 0, 0})))
                .satisfies(MalformedFrameTest::isProtocolError);
        ch.writeInbound(Unpooled.wrappedBuffer(ping));
        assertThat(Frames.next(ch.readInbound())).isNull();
        ch.finishAndReleaseAll();
    }

    @Test
    void serverAnswersAProtocolErrorWithAnErrorFrameAndClosesTheConnection() {
        EmbeddedChannel server = Frames.serverChannel(MAX);
        server.pipeline().addLast(new ProtocolErrorHandler());
        server.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 5, 0x7E, 0, 0, 0, 1}));
        assertThat(server.isOpen()).isFalse();

        EmbeddedChannel client = Frames.clientChannel(MAX);
        for (Object bytes; (bytes = server.readOutbound()) != null; ) client.writeInbound(bytes);
        Envelope<?> error = (Envelope<?>) client.readInbound();
        assertThat(error.requestId()).isEqualTo(Envelope.CONNECTION);
        assertThat(((ErrorReply) error.message()).sqlState()).isEqualTo("08P01");
        assertThat(((ErrorReply) error.message()).message()).contains("unknown client message type 0x7e");
        client.finishAndReleaseAll();
    }

    @Test
    void aFrameCutShortByTheConnectionClosingDecodesToNothing() {
        EmbeddedChannel ch = Frames.serverChannel(MAX);
        byte[] frame = Frames.encode(1, new Prepare("SELECT 1"));
        Frames.writeBytes(ch, frame, 0, frame.length - 1);
        assertThat(ch.finish()).isFalse();
    }

    @Test
    void encoderRefusesAFrameAboveTheMaximumAndSendsNothing() {
        EmbeddedChannel ch = Frames.clientChannel(MAX);
        ChannelFuture f = ch.writeAndFlush(Envelope.of(1, new Prepare("y".repeat(MAX))));
        assertThat(f.isSuccess()).isFalse();
        assertThat(ShardSqlException.find(f.cause())).isInstanceOf(ProtocolException.class);
        assertThat(Frames.next(ch.readOutbound())).isNull();
        ch.writeAndFlush(Envelope.of(2, new Ok()));
        assertThat(Frames.next(ch.readOutbound())).isNotNull();
        ch.finishAndReleaseAll();
    }

    private static void assertProtocolError(int... bytes) {
        EmbeddedChannel ch = Frames.serverChannel(MAX);
        ByteBuf in = Unpooled.buffer();
        for (int b : bytes) in.writeByte(b);
        assertThatThrownBy(() -> ch.writeInbound(in)).satisfies(MalformedFrameTest::isProtocolError);
        assertThat(Frames.next(ch.readInbound())).isNull();
        ch.finishAndReleaseAll();
    }

    static void isProtocolError(Throwable t) {
        assertThat(t).isInstanceOf(DecoderException.class);
        ShardSqlException e = ShardSqlException.find(t);
        assertThat(e).isInstanceOf(ProtocolException.class);
        assertThat(((ProtocolException) e).sqlState()).isEqualTo("08P01");
    }
}
