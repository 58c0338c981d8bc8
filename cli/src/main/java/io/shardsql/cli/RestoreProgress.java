package io.shardsql.cli;

import io.shardsql.snapshot.restore.RestoreListener;

import java.io.PrintWriter;

/**
 * Renders a restore's progress: on a terminal one bar redrawn in place, otherwise one plain line per step
 * (logs and pipes get no control characters).
 */
final class RestoreProgress implements RestoreListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private int parts;
    private long bytes;
    private int partsDone;
    private long bytesDone;

    RestoreProgress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public void started(int partCount, long byteCount) {
        this.parts = partCount;
        this.bytes = byteCount;
        out.println("restoring " + partCount + " parts (" + byteCount + " bytes)");
        out.flush();
    }

    @Override
    public void step(String group, String what) {
        if (terminal) out.print("\r\033[K");
        out.println(group + ": " + what);
        if (terminal) drawBar();
        out.flush();
    }

    @Override
    public void progress(int done, long bytesCopied) {
        this.partsDone = done;
        this.bytesDone = bytesCopied;
        if (terminal) {
            drawBar();
            out.flush();
        }
    }

    @Override
    public void finished() {
        if (terminal) out.print("\r\033[K");
        out.println("restored " + partsDone + " of " + parts + " parts, " + bytesDone + " bytes copied");
        out.flush();
    }

    private void drawBar() {
        double share = bytes > 0 ? Math.min(1.0, (double) bytesDone / bytes)
                : parts == 0 ? 1 : (double) partsDone / parts;
        int filled = (int) Math.round(share * WIDTH);
        out.print("\r[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + Math.round(share * 100) + "%  parts "
                + partsDone + "/" + parts + "  " + bytesDone / 1024 + " KiB");
    }
}
