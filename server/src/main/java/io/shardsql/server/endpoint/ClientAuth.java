package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;

import java.util.Locale;

/**
 * Whether the SQL endpoint's TLS handshake asks for a client certificate ({@code sql.tls.client-auth};
 * docs/security.md, "Client certificates").
 */
public enum ClientAuth {
    /** No client certificates: every login is by password. */
    NONE,
    /** A client may show a certificate of the client CA (and then log in with it); one without logs in by password. */
    OPTIONAL,
    /** Every client must show a certificate of the client CA; one without is refused at the TLS handshake. */
    REQUIRE;

    /** {@code none}, {@code optional} or {@code require} (any case); anything else is {@code CONFIG_INVALID}. */
    public static ClientAuth parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ShardSqlException(ErrorCode.CONFIG_INVALID,
                    "sql.tls.client-auth must be none, optional or require, not \"" + text + "\"", e);
        }
    }
}
