package io.shardsql.cli;

import io.shardsql.common.ShardSqlException;
import io.shardsql.storage.raft.client.CommonPool;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;

/**
 * {@code bin/shardsql}: the command line of ShardSQL. Errors a user can act on (bad configuration, a
 * busy port, a data directory of another cluster) are printed as one line, never as a stack trace.
 */
@Command(name = "shardsql", mixinStandardHelpOptions = true, version = "ShardSQL 0.1.0-SNAPSHOT",
        description = "A distributed SQL database over Raft-replicated RocksDB shards.",
        subcommands = {StartCommand.class, NodeCommand.class, StatusCommand.class, SqlCommand.class,
            BackupCommand.class, RestoreCommand.class, CertCommand.class})
public final class ShardSqlCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        CommonPool.configure(); // first: before anything uses CompletableFuture
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this instead of {@link #main}). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, for tests that set its output writers or reach a subcommand. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ShardSqlCli());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            ShardSqlException s = ShardSqlException.find(e);
            if (s != null) {
                err.println("shardsql: " + s.getMessage());
            } else {
                err.println("shardsql: internal error: " + e + " (see the log for details)");
            }
            err.flush();
            return 1;
        });
        return cl;
    }
}
