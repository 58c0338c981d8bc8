package io.shardsql.shell;

/**
 * One SQL statement or meta-command of a script, without its terminating {@code ;} and without the comments before it.
 *
 * @param sql  the statement's text (comments inside it are kept)
 * @param line the 1-based line of the script where the statement's first token is
 */
record ScriptStatement(String sql, int line) {
    /** Whether this is a shell command such as {@code \q} rather than SQL (no SQL statement starts with {@code \}). */
    public boolean isMetaCommand() {
        return sql.startsWith("\\");
    }
}
