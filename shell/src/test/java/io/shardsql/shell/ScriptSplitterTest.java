package io.shardsql.shell;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Splitting script text into statements and meta-commands: quotes, comments, lines. */
class ScriptSplitterTest {

    private static ScriptStatement st(String sql, int line) {
        return new ScriptStatement(sql, line);
    }

    @Test
    void splitsAtSemicolonsAndNumbersLines() {
        assertThat(ScriptSplitter.split("select 1;\nselect 2;\n\nselect 3;"))
                .containsExactly(st("select 1", 1), st("select 2", 2), st("select 3", 4));
    }

    @Test
    void severalStatementsOnOneLine() {
        assertThat(ScriptSplitter.split("select 1; select 2;select 3"))
                .containsExactly(st("select 1", 1), st("select 2", 1), st("select 3", 1));
    }

    @Test
    void statementSpanningLinesStartsAtItsFirstToken() {
        assertThat(ScriptSplitter.split("\n\n  select a,\n    b\n  from t\n;"))
                .containsExactly(st("select a,\n    b\n  from t", 3));
    }

    @Test
    void trailingStatementWithoutSemicolon() {
        assertThat(ScriptSplitter.split("select 1;\nselect 2\n")).containsExactly(st("select 1", 1), st("select 2", 2));
    }

    @Test
    void emptyStatementsAndBlankScriptsGiveNothing() {
        assertThat(ScriptSplitter.split(";;  ;\n;")).isEmpty();
        assertThat(ScriptSplitter.split("")).isEmpty();
        assertThat(ScriptSplitter.split("  \n\t\n")).isEmpty();
        assertThat(ScriptSplitter.split("-- only a comment; really\n/* and ; this */")).isEmpty();
    }

    @Test
    void semicolonInsideStringWithEscapedQuotes() {
        assertThat(ScriptSplitter.split("insert into t values ('it''s; fine', ';');select 2;"))
                .containsExactly(st("insert into t values ('it''s; fine', ';')", 1), st("select 2", 1));
        assertThat(ScriptSplitter.split("select '''';select ''';'''"))
                .containsExactly(st("select ''''", 1), st("select ''';'''", 1));
    }

    @Test
    void semicolonInsideQuotedIdentifier() {
        assertThat(ScriptSplitter.split("create table \"a;b\"\"c\" (x int); select 1"))
                .containsExactly(st("create table \"a;b\"\"c\" (x int)", 1), st("select 1", 1));
    }

    @Test
    void stringSpanningLinesKeepsItsNewline() {
        assertThat(ScriptSplitter.split("insert into t values ('a;\nb');\nselect 1;"))
                .containsExactly(st("insert into t values ('a;\nb')", 1), st("select 1", 3));
    }

    @Test
    void commentsWithSemicolonsDoNotSplit() {
        String script = """
                -- leading; comment
                select 1 -- trailing; comment
                , 2;
                /* block;
                   comment; */ select 3 /* inner; */ + 4;
                """;
        assertThat(ScriptSplitter.split(script)).containsExactly(
                st("select 1 -- trailing; comment\n, 2", 2),
                st("select 3 /* inner; */ + 4", 5));
    }

    @Test
    void quotesInsideCommentsAndCommentsInsideQuotesAreInert() {
        assertThat(ScriptSplitter.split("select 1 -- don't\n;select '--', '/*';select \"/*\" from t;"))
                .containsExactly(st("select 1 -- don't", 1), st("select '--', '/*'", 2), st("select \"/*\" from t", 2));
        assertThat(ScriptSplitter.split("/* it's */ select 1; select 2"))
                .containsExactly(st("select 1", 1), st("select 2", 1));
    }

    @Test
    void unclosedQuoteAtEndIsStillAStatement() {
        assertThat(ScriptSplitter.split("select 1;\nselect 'oops;\n")).containsExactly(st("select 1", 1),
                st("select 'oops;", 2));
    }

    @Test
    void windowsAndOldMacLineEnds() {
        assertThat(ScriptSplitter.split("select 1;\r\nselect 2;\rselect\r\n3;"))
                .containsExactly(st("select 1", 1), st("select 2", 2), st("select\n3", 3));
    }

    @Test
    void metaCommandsRunToTheEndOfTheirLine() {
        List<ScriptStatement> all = ScriptSplitter.split(
                "\\timing off\nselect 1; \\dt T%; x\n  select '\\'; /* c */ \\q");
        assertThat(all).containsExactly(st("\\timing off", 1), st("select 1", 2), st("\\dt T%; x", 2),
                st("select '\\'", 3), st("\\q", 3));
        assertThat(all).extracting(ScriptStatement::isMetaCommand).containsExactly(true, false, true, false, true);
        assertThat(ScriptSplitter.split("select 1\n\\q;")).containsExactly(st("select 1\n\\q", 1));
    }

    @Test
    void idleOnlyBetweenStatements() {
        ScriptSplitter s = new ScriptSplitter();
        assertThat(s.idle()).isTrue();
        assertThat(s.feed("-- comment")).isEmpty();
        assertThat(s.idle()).isTrue();
        assertThat(s.feed("select 'a")).isEmpty();
        assertThat(s.idle()).isFalse();
        assertThat(s.feed("b' from t; select")).containsExactly(st("select 'a\nb' from t", 2));
        assertThat(s.idle()).isFalse();
        assertThat(s.feed("2;")).containsExactly(st("select\n2", 3));
        assertThat(s.idle()).isTrue();
        s.feed("/* open");
        assertThat(s.idle()).isFalse();
        s.feed("closed */");
        assertThat(s.idle()).isTrue();
        assertThat(s.finish()).isEmpty();
        assertThat(s.lineNumber()).isEqualTo(6);
    }

    @Test
    void finishResetsForTheNextStatement() {
        ScriptSplitter s = new ScriptSplitter();
        s.feed("select 'x");
        assertThat(s.finish()).contains(st("select 'x", 1));
        assertThat(s.idle()).isTrue();
        assertThat(s.feed("select 2;")).isEqualTo(List.of(st("select 2", 2)));
    }
}
