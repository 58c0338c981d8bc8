package io.shardsql.shell;

import java.io.PrintWriter;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The shell's backslash commands: {@code \q}, {@code \dt [pattern]}, {@code \timing [on|off]}, {@code \?}. */
final class MetaCommands {
    /** What the shell does after a meta-command: go on, or quit. */
    enum Outcome { CONTINUE, QUIT }

    static final String HELP = """
            \\q                quit (so does Ctrl-D)
            \\dt [pattern]     list tables and views (pattern: SQL LIKE on the name, e.g. ORD%)
            \\timing [on|off]  show how long each statement took (on by default)
            \\?                this help
            SQL statements end with ; and may span lines.""";

    private final StatementRunner runner;
    private final PrintWriter status;

    MetaCommands(StatementRunner runner, PrintWriter status) {
        this.runner = runner;
        this.status = status;
    }

    /** Runs one command line; an unknown command is an {@link IllegalArgumentException}. */
    Outcome run(String line) throws SQLException {
        String[] words = line.strip().split("\\s+");
        String arg = words.length > 1 ? words[1] : null;
        switch (words[0]) {
            case "\\q", "\\quit" -> {
                return Outcome.QUIT;
            }
            case "\\dt" -> listTables(arg);
            case "\\timing" -> timing(arg);
            case "\\?", "\\h", "\\help" -> status.println(HELP);
            default -> throw new IllegalArgumentException("unknown command " + words[0] + " (\\? lists the commands)");
        }
        status.flush();
        return Outcome.CONTINUE;
    }

    private void timing(String arg) {
        if (arg == null) runner.timing(!runner.timing());
        else if (arg.equalsIgnoreCase("on")) runner.timing(true);
        else if (arg.equalsIgnoreCase("off")) runner.timing(false);
        else throw new IllegalArgumentException("\\timing takes on or off, not " + arg);
        status.println("Timing is " + (runner.timing() ? "on." : "off."));
    }

    /** Tables and views through {@link DatabaseMetaData#getTables}, without the database's own catalog tables. */
    private void listTables(String pattern) throws SQLException {
        long start = System.nanoTime();
        DatabaseMetaData md = runner.connection().getMetaData();
        try (ResultSet rs = md.getTables(null, null, pattern == null ? "%" : pattern, userTableTypes(md))) {
            runner.print(new UserTables(new ResultSetRows(rs, 2, 3, 4)), start); // TABLE_SCHEM, TABLE_NAME, TABLE_TYPE
        }
    }

    /** Leaves out the standard's catalog schemas, which some drivers (H2) report as plain tables and views. */
    private record UserTables(Rows rows) implements Rows {
        private static final Set<String> SYSTEM_SCHEMAS = Set.of("INFORMATION_SCHEMA", "PG_CATALOG");

        @Override
        public List<Column> columns() {
            return rows.columns();
        }

        @Override
        public boolean next() throws SQLException {
            while (rows.next()) {
                Object schema = rows.value(0);
                if (schema == null || !SYSTEM_SCHEMAS.contains(schema.toString().toUpperCase(Locale.ROOT))) return true;
            }
            return false;
        }

        @Override
        public Object value(int index) throws SQLException {
            return rows.value(index);
        }
    }

    /** The driver's table types that are tables or views but not system ones ("TABLE", "BASE TABLE", "VIEW"). */
    private static String[] userTableTypes(DatabaseMetaData md) throws SQLException {
        List<String> types = new ArrayList<>();
        try (ResultSet rs = md.getTableTypes()) {
            while (rs.next()) {
                String type = rs.getString(1);
                String t = type.toUpperCase(Locale.ROOT);
                if ((t.contains("TABLE") || t.contains("VIEW")) && !t.contains("SYSTEM")) types.add(type);
            }
        }
        return types.isEmpty() ? null : types.toArray(String[]::new);
    }
}
