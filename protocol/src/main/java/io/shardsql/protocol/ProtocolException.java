package io.shardsql.protocol;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

/**
 * A frame or message that breaks the wire protocol: a length outside the limits, an unknown message or
 * value type, a truncated body, bytes left over, bad UTF-8. Its SQLState is {@code 08P01}
 * (protocol_violation). The side that detects it sends an {@code Error} frame with request id 0 when
 * it still can and closes the connection; other connections are not affected.
 *
 * <p>Inside a Netty pipeline the decoders' exceptions arrive wrapped in a {@code DecoderException};
 * {@link ShardSqlException#find(Throwable)} unwraps them.
 */
public final class ProtocolException extends ShardSqlException {

    public ProtocolException(String message) {
        super(ErrorCode.PROTOCOL_VIOLATION, message);
    }

    public ProtocolException(ErrorCode code, String message) {
        super(code, message);
    }

    /** The SQLState a client sees: {@code 08P01} unless built with another code. */
    public String sqlState() {
        return code().sqlState();
    }
}
