package io.shardsql.testkit.sql;

import io.shardsql.sql.ddl.DdlSettings;
import io.shardsql.sql.exec.Session;
import io.shardsql.sql.exec.SqlEngine;
import io.shardsql.testkit.MiniCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * Runs the SQL script files {@code src/test/resources/sql/*.test} (format: {@code docs/testing.md})
 * against one {@link MiniCluster} of 3 nodes and 4 shards and one {@link SqlEngine}.
 *
 * <p>Each file is a {@link DynamicContainer}; each of its records a {@link DynamicTest}, run in file order
 * in one {@link Session} per file (so a file may use transaction blocks across records), followed by a
 * test that closes the session and checks no transaction block was left open. A record that does not
 * match fails with its file, line, SQL, and expected and actual outcome; a record marked
 * {@code skipif bug <reason>} is run all the same and reported as skipped (aborted) when it fails,
 * but <em>fails</em> when it passes, so that a fixed bug is noticed and its marker removed.
 *
 * <p>{@code -Dsql.scripts=select,joins} runs only the named files.
 */
@Timeout(120)
class SqlScriptIT {
    static final int SHARDS = 4;
    private static final Duration RECORD_TIMEOUT = Duration.ofSeconds(60);

    private static MiniCluster cluster;
    private static SqlEngine engine;
    private static final Map<String, int[]> SUMMARY = new ConcurrentHashMap<>(); // file -> {records, known bugs}

    @BeforeAll
    static void start() {
        cluster = MiniCluster.builder().nodes(3).shards(SHARDS).start();
        cluster.awaitReady();
        engine = SqlEngine.create(cluster.transactions(), SHARDS, DdlSettings.defaults());
    }

    @AfterAll
    static void stop() {
        new TreeMap<>(SUMMARY).forEach((file, n) ->
                System.out.printf("%-20s %4d records, %3d known bugs%n", file, n[0], n[1]));
        if (cluster != null) cluster.close();
    }

    @TestFactory
    Stream<DynamicNode> scripts() {
        return scriptFiles().stream().map(SqlScriptIT::container);
    }

    private static DynamicContainer container(Path file) {
        String name = file.getFileName().toString();
        List<ScriptRecord> records = ScriptParser.parse(name, read(file));
        FileSession fs = new FileSession();
        List<DynamicTest> tests = new ArrayList<>();
        AtomicInteger knownBugs = new AtomicInteger();
        for (ScriptRecord r : records) {
            if (r.knownBug() != null) knownBugs.incrementAndGet();
            tests.add(DynamicTest.dynamicTest(displayName(r), java.net.URI.create(file.toUri() + "?line=" + r.location().line()),
                    () -> runRecord(fs, r)));
        }
        tests.add(DynamicTest.dynamicTest("end of " + name, () -> {
            boolean open = fs.session != null && fs.session.inTransactionBlock();
            fs.close();
            assertFalse(open, name + " ends inside a transaction block");
        }));
        SUMMARY.put(name, new int[] {records.size(), knownBugs.get()});
        return DynamicContainer.dynamicContainer(name, file.toUri(), tests.stream());
    }

    private static void runRecord(FileSession fs, ScriptRecord r) {
        String mismatch = assertTimeoutPreemptively(RECORD_TIMEOUT, () -> new RecordRunner(fs.session()).run(r),
                () -> r.location() + ": no result within " + RECORD_TIMEOUT);
        if (r.knownBug() == null) {
            if (mismatch != null) fail(mismatch);
        } else if (mismatch != null) {
            abort("known bug (" + r.knownBug() + "): " + mismatch);
        } else {
            fail(r.location() + ": marked 'skipif bug " + r.knownBug() + "' but passes now: remove the marker");
        }
    }

    private static String displayName(ScriptRecord r) {
        String first = r.sql().lines().findFirst().orElse("");
        if (first.length() > 70) first = first.substring(0, 70) + "...";
        return "line " + r.location().line() + (r.knownBug() != null ? " [known bug]" : "") + ": " + first;
    }

    private static List<Path> scriptFiles() {
        List<String> only = List.of(System.getProperty("sql.scripts", "").split(","));
        try (Stream<Path> files = Files.list(scriptDirectory())) {
            return files.filter(p -> p.toString().endsWith(".test"))
                    .filter(p -> only.equals(List.of("")) || only.contains(p.getFileName().toString().replace(".test", "")))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path scriptDirectory() {
        try {
            return Path.of(SqlScriptIT.class.getResource("/sql").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The session of one script file, opened by its first record. */
    private static final class FileSession {
        private Session session;

        synchronized Session session() {
            if (session == null) session = engine.openSession();
            return session;
        }

        synchronized void close() {
            if (session != null) session.close();
            session = null;
        }
    }
}
