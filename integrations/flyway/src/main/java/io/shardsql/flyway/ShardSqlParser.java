package io.shardsql.flyway;

import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.parser.Token;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits migration scripts into statements (Flyway's standard SQL tokenizer: {@code '...'} strings,
 * {@code "..."} names, {@code --} and block comments, {@code ;} between statements) and says which statements
 * cannot run inside a transaction block.
 *
 * <p>ShardSQL builds indexes online, in transactions of its own, so {@code CREATE [UNIQUE] INDEX} and
 * {@code ALTER TABLE ... ADD [CONSTRAINT c] UNIQUE} fail with 25001 inside a block (docs/sql.md), as
 * PostgreSQL's {@code CREATE INDEX CONCURRENTLY} does. Such statements are marked non-transactional, and
 * Flyway runs a migration made of them outside a transaction (in autocommit), the way PostgreSQL's plugin
 * treats CREATE INDEX CONCURRENTLY. A migration mixing them with transactional statements is refused by
 * Flyway unless {@code mixed} is set — then the whole migration runs in autocommit. So keep index builds in
 * migrations of their own. Likewise {@code SNAPSHOT}, {@code SHOW SNAPSHOTS} and {@code DROP SNAPSHOT}.
 *
 * <p>Flyway gives {@link #detectCanExecuteInTransaction} the statement's first words, upper-cased and joined
 * by one space; quoted names are left out of it.
 */
final class ShardSqlParser extends Parser {
    /** How many characters of a statement Flyway may look ahead over. */
    private static final int PEEK_DEPTH = 3;
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE( UNIQUE)? INDEX\\b.*");
    private static final Pattern ADD_UNIQUE =
            Pattern.compile("^ALTER TABLE\\b.*\\bADD (CONSTRAINT (\\S+ )?)?UNIQUE\\b.*");
    private static final Pattern SNAPSHOT = Pattern.compile("^(SNAPSHOT|SHOW SNAPSHOTS|DROP SNAPSHOT)\\b.*");

    ShardSqlParser(Configuration configuration, ParsingContext parsingContext) {
        super(configuration, parsingContext, PEEK_DEPTH);
    }

    @Override
    protected Boolean detectCanExecuteInTransaction(String simplifiedStatement, List<Token> keywords) {
        if (CREATE_INDEX.matcher(simplifiedStatement).matches()
                || ADD_UNIQUE.matcher(simplifiedStatement).matches()
                || SNAPSHOT.matcher(simplifiedStatement).matches()) {
            return false;
        }
        return null;
    }
}
