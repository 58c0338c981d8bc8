package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Bytes;

import java.util.Objects;

/**
 * Authentication succeeded: the session is open.
 * <pre>
 * | session id (i64) | cancel secret (i64) | server signature (bytes) | isolation (u8) | supported isolations (u8) |
 * </pre>
 *
 * @param sessionId           with {@code cancelSecret}, what a {@link Cancel} on another connection names
 * @param serverSignature     {@code HMAC(ServerKey, AuthMessage)}: the client checks it, so a server
 *                            that does not know the user's keys cannot pretend to
 * @param isolation           the session's isolation level now, as a {@code java.sql.Connection} constant
 * @param supportedIsolations the levels the server runs, OR-ed {@code java.sql.Connection} constants
 *                            (they are powers of two); {@link SetIsolation} to another level gets the
 *                            weakest supported level that is at least as strong
 */
public record AuthOk(long sessionId, long cancelSecret, Bytes serverSignature, int isolation, int supportedIsolations)
        implements ServerMessage {
    public AuthOk {
        Objects.requireNonNull(serverSignature, "serverSignature");
        SetIsolation.check(isolation);
        if ((supportedIsolations & ~0xFF) != 0) throw new IllegalArgumentException("bad isolation set "
                + supportedIsolations);
    }
}
