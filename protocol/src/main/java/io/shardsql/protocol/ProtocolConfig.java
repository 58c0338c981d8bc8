package io.shardsql.protocol;

import io.shardsql.common.config.ConfigKey;

/** Configuration keys of the wire protocol, read by the server endpoint and by the driver. */
public final class ProtocolConfig {
    /** 16 MiB: a frame's length field (which excludes itself) may not exceed this. */
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** The smallest frame there is: the type byte and the request id. */
    public static final int MIN_FRAME_BYTES = 5;

    public static final ConfigKey<Integer> MAX_FRAME_BYTES = ConfigKey.integer("protocol.max-frame-bytes",
            DEFAULT_MAX_FRAME_BYTES, "largest frame accepted or sent, in bytes, not counting the 4-byte length; "
                    + "a bigger one is a protocol error that closes the connection");

    private ProtocolConfig() {}
}
