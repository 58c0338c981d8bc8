package io.shardsql.shell;

import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** The prompt on a dumb JLine terminal fed from a byte stream, against H2. */
@Timeout(30)
class InteractiveShellTest {
    @TempDir
    Path tmp;

    private String session(String typed) throws Exception {
        ByteArrayOutputStream screen = new ByteArrayOutputStream();
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:interactive", "admin", "");
             Terminal terminal = new DumbTerminal("test", Terminal.TYPE_DUMB,
                     new ByteArrayInputStream(typed.getBytes(StandardCharsets.UTF_8)), screen,
                             StandardCharsets.UTF_8)) {
            PrintWriter w = terminal.writer();
            StatementRunner statements = new StatementRunner(c, new TablePrinter(w), w, w);
            statements.timing(false);
            ScriptRunner script = new ScriptRunner(statements, new MetaCommands(statements, w), w, true, false);
            new InteractiveShell(terminal, tmp.resolve("history"), script, statements).run();
        }
        return screen.toString(StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    @Test
    void multiLineStatementsErrorsAndQuit() throws Exception {
        String screen = session("select 1\n  as a,\n 'x;' as b;\nselect nope;\nselect 2 as c; \\q\n\\q\nselect 3;\n");
        assertThat(screen).contains("shardsql> ")
                .contains(" A | B\n---+----\n 1 | x;\n(1 row)\n")
                .contains("ERROR 42S22: ")
                .contains(" C\n---\n 2\n(1 row)\n")
                .doesNotContain("(line ")
                .doesNotContain(" 3\n");
        assertThat(Files.readString(tmp.resolve("history"))).contains("select nope;");
    }

    @Test
    void endOfInputEndsTheSession() throws Exception {
        assertThat(session("select 5 as five;\n")).contains(" FIVE\n------\n    5\n(1 row)\n");
    }

    @Test
    void entryCompleteOnlyWhenEveryStatementEnds() {
        assertThat(SqlLineParser.complete("")).isTrue();
        assertThat(SqlLineParser.complete("select 1;")).isTrue();
        assertThat(SqlLineParser.complete("select 1; -- done")).isTrue();
        assertThat(SqlLineParser.complete("\\dt")).isTrue();
        assertThat(SqlLineParser.complete("select 1")).isFalse();
        assertThat(SqlLineParser.complete("select ';")).isFalse();
        assertThat(SqlLineParser.complete("select 1 /* ; */")).isFalse();
        assertThat(SqlLineParser.complete("select 1\n;")).isTrue();
        assertThat(SqlLineParser.complete("select 1; select")).isFalse();
        assertThat(SqlLineParser.complete("select 1; \\timing")).isTrue();
        assertThat(SqlLineParser.complete("select 1 \\timing")).isFalse();
    }
}
