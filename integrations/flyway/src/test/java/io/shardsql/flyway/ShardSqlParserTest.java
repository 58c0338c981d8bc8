package io.shardsql.flyway;

import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which statements {@link ShardSqlParser} sends outside a transaction: the index builds (25001 in a block),
 * and nothing else. The words are given as Flyway gives them: upper-cased, quoted names left out.
 */
class ShardSqlParserTest {
    private final ShardSqlParser parser = new ShardSqlParser(new FluentConfiguration(), new ParsingContext());

    private Boolean inTransaction(String simplified) {
        return parser.detectCanExecuteInTransaction(simplified, List.of());
    }

    @Test
    void indexBuildsAreNotTransactional() {
        assertThat(inTransaction("CREATE INDEX")).isFalse();
        assertThat(inTransaction("CREATE INDEX I ON T")).isFalse();
        assertThat(inTransaction("CREATE UNIQUE INDEX IF NOT EXISTS I ON T")).isFalse();
        assertThat(inTransaction("ALTER TABLE T ADD UNIQUE")).isFalse();
        assertThat(inTransaction("ALTER TABLE T ADD CONSTRAINT C UNIQUE")).isFalse();
        assertThat(inTransaction("ALTER TABLE ADD CONSTRAINT UNIQUE")).isFalse(); // "t", "c" quoted
        assertThat(inTransaction("ALTER TABLE T ADD COLUMN A INT, ADD UNIQUE")).isFalse();
        assertThat(inTransaction("SNAPSHOT TO")).isFalse();
    }

    @Test
    void everythingElseIsLeftToFlywaysDefaultOfTransactional() {
        assertThat(inTransaction("CREATE")).isNull();
        assertThat(inTransaction("CREATE TABLE T")).isNull();
        assertThat(inTransaction("CREATE TABLE INDEXES")).isNull();
        assertThat(inTransaction("ALTER TABLE T ADD CONSTRAINT C CHECK")).isNull();
        assertThat(inTransaction("ALTER TABLE T ADD COLUMN UNIQUE_CODE INT")).isNull();
        assertThat(inTransaction("DROP INDEX I")).isNull();
        assertThat(inTransaction("INSERT INTO T VALUES")).isNull();
        assertThat(inTransaction("CREATE VIEW SNAPSHOT_V AS SELECT")).isNull();
    }
}
