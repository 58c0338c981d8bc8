/**
 * The protocol's byte encodings and its Netty handlers.
 * <pre>
 *   bytes ─► {@link io.shardsql.protocol.codec.FrameDecoder} ─► frame
 *         ─► {@link io.shardsql.protocol.codec.MessageDecoder} ─► Envelope ─► handler
 *   bytes ◄────────────── {@link io.shardsql.protocol.codec.MessageEncoder} ◄────────────── Envelope ◄── handler
 * </pre>
 * {@link io.shardsql.protocol.codec.MessageCodec} does the work of both message handlers without Netty's
 * pipeline; {@code Wire} (primitives), {@code ValueCodec} (typed values), {@code ClientBodies} and
 * {@code ServerBodies} (one body codec per message) and {@code MessageType} (type bytes) stay inside
 * the package. {@link io.shardsql.protocol.codec.ProtocolPipeline} adds the handlers in order.
 */
package io.shardsql.protocol.codec;
