package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.ClientMessage;
import io.shardsql.protocol.message.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Random and mutated bytes never make the decoders throw anything but ProtocolException, allocate
 * beyond the frame, or hang. Seeded, so a failure repeats; the seed is in the failure message.
 */
@Timeout(120)
class DecoderFuzzTest {
    private static final long SEED = 0x5AD5_0001L;
    private static final int MAX = 64 * 1024;

    @Test
    void randomBodiesDecodeOrFailWithProtocolException() {
        Random r = new Random(SEED);
        int[] codes = Arrays.stream(MessageType.values()).mapToInt(MessageType::code).toArray();
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] frame = new byte[r.nextInt(48)];
            r.nextBytes(frame);
            if (frame.length > 0 && r.nextBoolean()) frame[0] = (byte) codes[r.nextInt(codes.length)];
            boolean client = r.nextBoolean();
            ByteBuf buf = Unpooled.wrappedBuffer(frame);
            try {
                if (client) MessageCodec.decodeClientMessage(buf); else MessageCodec.decodeServerMessage(buf);
                decoded++;
            } catch (ProtocolException expected) {
                // the only acceptable failure
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + SEED + "), bytes " + Arrays.toString(frame) + ": " + t, t);
            }
        }
        assertThat(decoded).as("some random frames are valid messages").isPositive();
    }

    @Test
    void mutatedFramesThroughThePipelineDecodeOrFailWithProtocolException() {
        Random r = new Random(SEED + 1);
        List<byte[]> frames = new ArrayList<>();
        List<Message> all = new ArrayList<>(Samples.clientMessages());
        all.addAll(Samples.serverMessages());
        List<Boolean> fromClient = new ArrayList<>();
        for (Message m : all) {
            byte[] f = Frames.encode(1, m);
            if (f.length > 4096) continue;
            frames.add(f);
            fromClient.add(m instanceof ClientMessage);
        }
        int failures = 0;
        for (int i = 0; i < 5_000; i++) {
            int pick = r.nextInt(frames.size());
            byte[] bytes = mutate(frames.get(pick), r);
            EmbeddedChannel ch = fromClient.get(pick) ? Frames.serverChannel(MAX) : Frames.clientChannel(MAX);
            try {
                feedInPieces(ch, bytes, r);
            } catch (DecoderException e) {
                if (!(e.getCause() instanceof ProtocolException)) fail("iteration " + i + " (seed " + (SEED + 1) + "): "
                        + e, e);
                failures++;
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + (SEED + 1) + "): " + t, t);
            } finally {
                ch.finishAndReleaseAll();
            }
        }
        assertThat(failures).as("most mutations break a frame").isGreaterThan(1_000);
    }

    @Test
    void randomStreamsThroughThePipelineFailOnlyWithProtocolException() {
        Random r = new Random(SEED + 2);
        for (int i = 0; i < 3_000; i++) {
            byte[] bytes = new byte[r.nextInt(256)];
            r.nextBytes(bytes);
            if (bytes.length >= 4 && r.nextBoolean()) { // a plausible length, so that bodies get decoded
                int length = 5 + r.nextInt(Math.max(1, bytes.length - 4));
                bytes[0] = 0; bytes[1] = 0; bytes[2] = (byte) (length >>> 8); bytes[3] = (byte) length;
            }
            EmbeddedChannel ch = r.nextBoolean() ? Frames.serverChannel(MAX) : Frames.clientChannel(MAX);
            try {
                feedInPieces(ch, bytes, r);
            } catch (DecoderException e) {
                if (!(e.getCause() instanceof ProtocolException)) fail("iteration " + i + ": " + e, e);
            } catch (Throwable t) {
                fail("iteration " + i + " (seed " + (SEED + 2) + "): " + t, t);
            } finally {
                ch.finishAndReleaseAll();
            }
        }
    }

    private static byte[] mutate(byte[] frame, Random r) {
        byte[] b = frame.clone();
        switch (r.nextInt(4)) {
            case 0 -> { // flip a few bytes, sparing the length field half the time
                int flips = 1 + r.nextInt(3);
                int from = r.nextBoolean() ? 4 : 0;
                for (int k = 0; k < flips && b.length > from; k++) {
                    b[from + r.nextInt(b.length - from)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> { // cut the body, keeping the length consistent with what is left
                int keep = 9 + r.nextInt(Math.max(1, b.length - 9));
                b = Arrays.copyOf(b, Math.min(keep, b.length));
                setLength(b, b.length - 4);
            }
            case 2 -> { // append garbage inside the frame
                int extra = 1 + r.nextInt(8);
                byte[] longer = Arrays.copyOf(b, b.length + extra);
                for (int k = b.length; k < longer.length; k++) longer[k] = (byte) r.nextInt(256);
                setLength(longer, longer.length - 4);
                b = longer;
            }
            default -> setLength(b, r.nextInt()); // a lying length
        }
        return b;
    }

    private static void setLength(byte[] b, int length) {
        b[0] = (byte) (length >>> 24); b[1] = (byte) (length >>> 16);
        b[2] = (byte) (length >>> 8); b[3] = (byte) length;
    }

    private static void feedInPieces(EmbeddedChannel ch, byte[] bytes, Random r) {
        int at = 0;
        while (at < bytes.length) {
            int n = 1 + r.nextInt(bytes.length - at);
            Frames.writeBytes(ch, bytes, at, at + n);
            at += n;
            for (Object o; (o = ch.readInbound()) != null; ) assertThat(o).isNotNull();
        }
    }
}
