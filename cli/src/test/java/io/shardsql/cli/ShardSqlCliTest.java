package io.shardsql.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code bin/shardsql} reports an error a user can act on. */
@Timeout(60)
class ShardSqlCliTest {
    @TempDir
    Path tmp;

    @Test
    void theCliPrintsOneLineNotAStackTrace() throws Exception {
        Path cfg = tmp.resolve("node.properties");
        Files.writeString(cfg, "cluster.members = n1@127.0.0.1:1:2\nnode.id = n7\nnode.data-dir = d\n");
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = ShardSqlCli.run("node", "--config", cfg.toString());
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        String out = err.toString(StandardCharsets.UTF_8).trim();
        assertThat(out).startsWith("shardsql: node.id n7 is not one of cluster.members").doesNotContain("\tat ");
        assertThat(out.lines()).hasSize(1);
    }
}
