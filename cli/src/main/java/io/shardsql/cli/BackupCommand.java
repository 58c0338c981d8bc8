package io.shardsql.cli;

import io.shardsql.snapshot.verify.BackupVerifier;
import io.shardsql.snapshot.verify.VerifyReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code shardsql backup}: tools for the backups {@code SNAPSHOT} takes. */
@Command(name = "backup", mixinStandardHelpOptions = true, description = "Work with backups taken by SNAPSHOT.",
        subcommands = BackupCommand.Verify.class)
final class BackupCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: verify");
    }

    /** {@code shardsql backup verify DIR}: exit 0 if the backup is sound, 1 if not, 2 on a usage error. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a backup without restoring it or changing it: its MANIFEST, every part's files "
                    + "and checksums, and that no transaction is half in it. Exit 0 if sound, 1 if not.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "the backup directory (holding MANIFEST)")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            VerifyReport report;
            try (BackupStores stores = new BackupStores()) {
                report = new BackupVerifier(stores.readOnly()).verify(dir.toAbsolutePath());
            }
            out.println("backup " + dir.toAbsolutePath());
            out.print(report.render());
            out.flush();
            return report.ok() ? 0 : 1;
        }
    }
}
