package io.shardsql.protocol.codec;

import io.netty.buffer.ByteBuf;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** Writes and reads the body of one message type (the bytes after the frame header). */
interface BodyCodec<M> {
    void write(ByteBuf out, M message);

    M read(ByteBuf in);

    static <M> BodyCodec<M> of(BiConsumer<ByteBuf, M> writer, Function<ByteBuf, M> reader) {
        return new BodyCodec<>() {
            @Override public void write(ByteBuf out, M message) { writer.accept(out, message); }

            @Override public M read(ByteBuf in) { return reader.apply(in); }
        };
    }

    /** A message without fields: an empty body. */
    static <M> BodyCodec<M> empty(Supplier<M> instance) {
        return of((out, m) -> { }, in -> instance.get());
    }
}
