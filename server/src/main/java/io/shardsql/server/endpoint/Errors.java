package io.shardsql.server.endpoint;

import io.shardsql.common.ErrorCode;
import io.shardsql.common.ShardSqlException;
import io.shardsql.protocol.message.ErrorReply;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failures as the client sees them. A {@link ShardSqlException} keeps its SQLState and message; anything
 * else is a bug of ours: it is logged with its stack trace, and the client gets XX000 and a pointer to
 * the log, never the trace.
 */
final class Errors {
    private static final Logger LOG = LoggerFactory.getLogger(Errors.class);

    private Errors() {}

    static ErrorReply reply(ShardSqlException e) {
        return ErrorReply.of(e);
    }

    static ErrorReply internal(Throwable e, String where) {
        ShardSqlException known = ShardSqlException.find(e);
        if (known != null) return ErrorReply.of(known);
        LOG.error("internal error in {}", where, e);
        return ErrorReply.of(ErrorCode.INTERNAL, "internal error (" + e.getClass().getSimpleName()
                + "); the node's log has the details");
    }
}
