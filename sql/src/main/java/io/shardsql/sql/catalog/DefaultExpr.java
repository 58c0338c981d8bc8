package io.shardsql.sql.catalog;

/**
 * A column DEFAULT that is evaluated for every row an INSERT writes, rather than once at CREATE time (a
 * literal is {@link ColumnDef#defaultValue()}).
 *
 * @param argument the sequence name of {@link Kind#NEXTVAL}; "" for the others
 */
public record DefaultExpr(Kind kind, String argument) {
    /** The expressions a DEFAULT may be (docs/sql.md, "Defaults"). */
    public enum Kind {
        /** {@code CURRENT_TIMESTAMP}, {@code now()}, {@code LOCALTIMESTAMP}: the statement's start time. */
        CURRENT_TIMESTAMP,
        /** {@code CURRENT_DATE}. */
        CURRENT_DATE,
        /** {@code nextval('name')}. */
        NEXTVAL,
        /** {@code gen_random_uuid()}: a random (version 4) UUID as 36 characters. */
        GEN_RANDOM_UUID
    }

    public DefaultExpr {
        if (argument == null) argument = "";
    }

    /** {@code nextval('sequence')}. */
    public static DefaultExpr nextval(String sequence) {
        return new DefaultExpr(Kind.NEXTVAL, sequence);
    }

    /** The SQL text of the expression, as SHOW / information_schema would print it. */
    public String sql() {
        return switch (kind) {
            case CURRENT_TIMESTAMP -> "CURRENT_TIMESTAMP";
            case CURRENT_DATE -> "CURRENT_DATE";
            case NEXTVAL -> "nextval('" + argument.replace("'", "''") + "')";
            case GEN_RANDOM_UUID -> "gen_random_uuid()";
        };
    }
}
