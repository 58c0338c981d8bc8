package io.shardsql.storage.raft.client;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a JVM that sees two cores, {@code CompletableFuture}'s async steps start a thread each unless
 * {@link CommonPool#configure} ran first; after it they run on the common pool.
 */
@Timeout(60)
class CommonPoolTest {

    /** Prints whether an async step ran on a pool thread; with argument "configure", configures first. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("configure")) CommonPool.configure();
        boolean pooled = CompletableFuture.supplyAsync(() -> Thread.currentThread() instanceof ForkJoinWorkerThread).join();
        System.out.println("pooled=" + pooled + " isPooled=" + CommonPool.isPooled());
    }

    @Test
    void onTwoCoresAsyncStepsStartAThreadEachUnlessConfigured() throws Exception {
        assertThat(runOnTwoCores(false)).isEqualTo("pooled=false isPooled=false");
        assertThat(runOnTwoCores(true)).isEqualTo("pooled=true isPooled=true");
    }

    private static String runOnTwoCores(boolean configure) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:ActiveProcessorCount=2",
                "-cp", System.getProperty("java.class.path"), CommonPoolTest.class.getName()));
        if (configure) command.add("configure");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
