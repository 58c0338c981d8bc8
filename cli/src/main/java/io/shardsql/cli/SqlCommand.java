package io.shardsql.cli;

import io.shardsql.shell.OutputFormat;
import io.shardsql.shell.SqlShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code shardsql sql}: the SQL shell. With {@code -e} or {@code -f} it runs those statements; otherwise it reads
 * standard input, with a prompt when that is a terminal and as a script when it is not. Exit codes: 0 when every
 * statement succeeded, 1 when one failed (with or without {@code --continue-on-error}), 2 for a usage error or
 * when it cannot connect or read a script.
 */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"SQL shell: an interactive prompt, or run statements from -e, -f files or standard input.",
                "Statements end with ';'. At the prompt: \\q quit, \\dt list tables, \\timing, \\? help."},
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = {"0:every statement succeeded", "1:a statement failed",
                "2:usage error, cannot connect or read a script"})
public final class SqlCommand implements Callable<Integer> {
    static final int OK = SqlShell.OK;
    static final int SQL_ERROR = SqlShell.SQL_ERROR;
    static final int USAGE = 2;
    static final String PASSWORD_ENV = "SHARDSQL_PASSWORD";

    @Option(names = "--url", defaultValue = "jdbc:shardsql://127.0.0.1:9470/",
            description = "JDBC URL (default: ${DEFAULT-VALUE})")
    String url;

    @Option(names = "--user", defaultValue = "admin", description = "user name (default: ${DEFAULT-VALUE})")
    String user;

    @Option(names = "--password", description = "password (default: $" + PASSWORD_ENV
            + ", else asked for when on a terminal)")
    String password;

    @Option(names = {"-f", "--file"}, paramLabel = "script.sql",
            description = "run the statements of this file (UTF-8); may be repeated")
    List<Path> files = new ArrayList<>();

    @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
            description = "run these statements (';'-separated); may be repeated")
    List<String> commands = new ArrayList<>();

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|csv|json",
            description = "result format (default: ${DEFAULT-VALUE}); "
                    + "csv and json send row counts and timings to stderr")
    OutputFormat format;

    @Option(names = "--continue-on-error",
            description = "run the remaining statements after one fails (exit code still 1)")
    boolean continueOnError;

    @Spec
    CommandSpec spec;

    /** Standard input; tests replace it. Only {@code System.in} of a terminal gets the interactive prompt. */
    InputStream stdin = System.in;
    /** The environment; tests replace it. */
    Map<String, String> env = System.getenv();

    @Override
    public Integer call() {
        Logging.quiet();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!commands.isEmpty() && !files.isEmpty()) {
            err.println("shardsql sql: use either -e or -f, not both");
            return USAGE;
        }
        for (Path file : files) {
            if (!Files.isReadable(file)) {
                err.println("shardsql sql: cannot read script " + file);
                return USAGE;
            }
        }
        Console console = System.console();
        boolean interactive = commands.isEmpty() && files.isEmpty() && stdin == System.in && console != null;
        try (Connection connection = connect(console)) {
            SqlShell shell = new SqlShell(connection, format);
            return interactive ? shell.runInteractive() : shell.runScripts(sources(), continueOnError, out, err);
        } catch (SQLException e) {
            err.println("shardsql sql: cannot connect to " + url + ": " + e.getMessage()
                    + (e.getMessage() != null && e.getMessage().startsWith("No suitable driver")
                            ? " (is its JDBC driver on the classpath?)" : ""));
            return USAGE;
        } catch (IOException e) {
            err.println("shardsql sql: " + e.getMessage());
            return USAGE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private Connection connect(Console console) throws SQLException {
        String pw = password != null ? password : env.get(PASSWORD_ENV);
        if (pw == null && console != null) {
            char[] typed = console.readPassword("Password for %s: ", user);
            pw = typed == null ? null : new String(typed);
        }
        return DriverManager.getConnection(url, user, pw);
    }

    /** -e text, -f files or standard input, each a script of its own. */
    private List<BufferedReader> sources() throws IOException {
        List<BufferedReader> sources = new ArrayList<>();
        if (!commands.isEmpty()) {
            for (String c : commands) sources.add(new BufferedReader(new StringReader(c)));
        } else if (!files.isEmpty()) {
            for (Path f : files) sources.add(Files.newBufferedReader(f, StandardCharsets.UTF_8));
        } else {
            sources.add(new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)));
        }
        return sources;
    }
}
