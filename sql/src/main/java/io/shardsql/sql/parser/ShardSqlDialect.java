package io.shardsql.sql.parser;

import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How ShardSQL writes SQL back out (unparse, EXPLAIN, messages): identifiers in double quotes only where
 * our parser needs them, so that the text reads naturally and parses back to the same names.
 *
 * <p>A name is left bare when it is lower case letters, digits and underscores (so it folds to itself)
 * and not a reserved word of our grammar; non-reserved keywords such as {@code name}, {@code text} or
 * {@code key} are names wherever a name may stand, so they stay bare too (PostgreSQL's
 * {@code quote_ident} follows the same rule). Anything else ({@code "Order"}, {@code "user"},
 * {@code "a b"}) is quoted, keeping its exact spelling.
 */
public final class ShardSqlDialect extends SqlDialect {
    /** The one instance. */
    public static final ShardSqlDialect DEFAULT = new ShardSqlDialect();

    private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_]*");

    private final SqlAbstractParserImpl.Metadata keywords;

    private ShardSqlDialect() {
        super(EMPTY_CONTEXT
                .withIdentifierQuoteString("\"")
                .withUnquotedCasing(Casing.TO_LOWER)
                .withQuotedCasing(Casing.UNCHANGED)
                .withCaseSensitive(true));
        this.keywords = ShardSqlParser.metadata();
    }

    @Override
    protected boolean identifierNeedsQuote(String name) {
        if (!BARE.matcher(name).matches()) {
            return true;
        }
        String word = name.toUpperCase(Locale.ROOT);
        return keywords.isKeyword(word) && !keywords.isNonReservedKeyword(word);
    }
}
