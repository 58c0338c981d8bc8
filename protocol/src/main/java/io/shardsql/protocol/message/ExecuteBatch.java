package io.shardsql.protocol.message;

import io.shardsql.protocol.value.Value;

import java.util.List;
import java.util.Objects;

/**
 * Run one statement once per parameter set, in one round trip ({@code executeBatch}). Answered by
 * {@link BatchResult} with one count per set; if the k-th set fails, by {@link BatchResult} with the k
 * counts before it, then {@link ErrorReply}.
 * <pre>
 * | statement (StatementRef) | parameter sets (list&lt;list&lt;value&gt;&gt;) | timeout ms (u32) |
 * </pre>
 */
public record ExecuteBatch(StatementRef statement, List<List<Value>> parameterSets, int timeoutMillis)
        implements ClientMessage {
    public ExecuteBatch {
        Objects.requireNonNull(statement, "statement");
        parameterSets = parameterSets.stream().map(List::copyOf).toList();
        if (timeoutMillis < 0) throw new IllegalArgumentException("timeout must not be negative");
    }
}
