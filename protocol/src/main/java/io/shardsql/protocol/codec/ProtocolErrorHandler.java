package io.shardsql.protocol.codec;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.ProtocolException;
import io.shardsql.protocol.message.Envelope;
import io.shardsql.protocol.message.ErrorReply;

/**
 * The last handler of a server pipeline: a {@link ProtocolException} from the decoders is answered with
 * an {@link ErrorReply} (SQLState 08P01, request id 0) and the connection is closed. Only that
 * connection: the server and its other sessions go on. Other exceptions pass on unchanged.
 */
@ChannelHandler.Sharable
public final class ProtocolErrorHandler extends ChannelInboundHandlerAdapter {

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (ShardSqlException.find(cause) instanceof ProtocolException e) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Envelope.of(Envelope.CONNECTION, ErrorReply.of(e)))
                        .addListener(ChannelFutureListener.CLOSE);
            }
            return;
        }
        ctx.fireExceptionCaught(cause);
    }
}
