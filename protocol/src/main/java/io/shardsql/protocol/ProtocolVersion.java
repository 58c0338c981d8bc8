package io.shardsql.protocol;

import io.shardsql.common.ErrorCode;

import java.util.List;

/**
 * Protocol versions and their negotiation. The client's {@code Hello} lists every version it speaks;
 * the server answers in {@code HelloReply} with the highest version both speak, and from then on both
 * sides use exactly that version's message layouts. The frame header and the {@code Hello} /
 * {@code HelloReply} / {@code Error} layouts never change, so any client can negotiate with any server.
 */
public final class ProtocolVersion {
    /** The first version; the only one so far. */
    public static final int V1 = 1;
    /** The highest version this code speaks. */
    public static final int CURRENT = V1;
    /** Every version this code speaks, lowest first. */
    public static final List<Integer> SUPPORTED = List.of(V1);

    private ProtocolVersion() {}

    /**
     * The highest version in both {@code offered} (the client's) and {@code supported} (the server's).
     *
     * @throws ProtocolException with SQLState 08004 when they share none
     */
    public static int negotiate(List<Integer> offered, List<Integer> supported) {
        int best = -1;
        for (int v : offered) {
            if (supported.contains(v) && v > best) best = v;
        }
        if (best < 0) {
            throw new ProtocolException(ErrorCode.CONNECTION_REJECTED,
                    "no common protocol version: client speaks " + offered + ", server speaks " + supported);
        }
        return best;
    }

    /** {@link #negotiate(List, List)} against the versions this code speaks. */
    public static int negotiate(List<Integer> offered) {
        return negotiate(offered, SUPPORTED);
    }
}
