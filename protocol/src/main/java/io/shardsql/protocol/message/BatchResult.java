package io.shardsql.protocol.message;

import java.util.List;

/**
 * Update counts of an {@link ExecuteBatch}, one per parameter set that ran. Fewer counts than sets
 * means a set failed: an {@link ErrorReply} follows.
 * <pre>
 * | counts (list&lt;i64&gt;) |
 * </pre>
 */
public record BatchResult(List<Long> counts) implements ServerMessage {
    public BatchResult {
        counts = List.copyOf(counts);
    }
}
