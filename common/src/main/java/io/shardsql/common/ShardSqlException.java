package io.shardsql.common;

/**
 * The one exception type that crosses module boundaries inside ShardSQL. It is turned into an
 * {@code SQLException} only at the edge (the SQL endpoint and the driver), using {@link #code()}.
 */
public class ShardSqlException extends RuntimeException {
    private final ErrorCode code;

    public ShardSqlException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ShardSqlException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() { return code; }

    public boolean retryable() { return code.retryable(); }

    /** The {@link ShardSqlException} inside {@code t} (unwrapping completion wrappers), if any. */
    public static ShardSqlException find(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ShardSqlException s) return s;
        }
        return null;
    }

    @Override
    public String toString() {
        return "ShardSqlException[" + code + "]: " + getMessage();
    }
}
