package io.shardsql.sql.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * PostgreSQL's type names that Calcite's grammar does not know and parses as user-defined types:
 * {@code timestamptz}, {@code json}, {@code jsonb}. DDL (column types) and casts look them up here.
 */
public final class TypeNames {
    private static final Map<String, SqlType> NAMED = Map.of(
            "timestamptz", SqlType.of(SqlType.Kind.TIMESTAMPTZ),
            "json", SqlType.of(SqlType.Kind.JSON),
            "jsonb", SqlType.of(SqlType.Kind.JSONB));

    private TypeNames() {}

    /** The type called {@code name} (any case), or null if it is none of these. */
    public static SqlType byName(String name) {
        return NAMED.get(name.toLowerCase(Locale.ROOT));
    }
}
