package io.shardsql.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The log file of a start, and the logs of the runs before it kept beside it. */
class LoggingTest {
    @TempDir
    Path dir;

    @Test
    void aStartKeepsTheLogsOfTheRunsBeforeIt() throws IOException {
        Path log = dir.resolve("shardsql.log");
        for (int run = 1; run <= 4; run++) {
            Logging.rotate(log, 3);
            Files.writeString(log, "run " + run);
        }
        assertThat(log).hasContent("run 4");
        assertThat(Logging.numbered(log, 1)).hasContent("run 3");
        assertThat(Logging.numbered(log, 2)).hasContent("run 2");
        assertThat(Logging.numbered(log, 3)).hasContent("run 1");

        Logging.rotate(log, 3);
        assertThat(log).doesNotExist();
        assertThat(Logging.numbered(log, 1)).hasContent("run 4");
        assertThat(Logging.numbered(log, 3)).as("the oldest kept run").hasContent("run 2");
        assertThat(Logging.numbered(log, 4)).doesNotExist();
    }

    @Test
    void theFirstStartHasNothingToKeep() throws IOException {
        Path log = dir.resolve("shardsql.log");
        Logging.rotate(log, 3);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
