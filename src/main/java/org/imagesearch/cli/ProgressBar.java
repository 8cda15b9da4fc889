package org.imagesearch.cli;

import java.io.PrintStream;

/**
 * A one-line progress bar on stderr (stdout stays clean for results and {@code --json}). On a terminal
 * it redraws in place; otherwise it prints a line every few seconds.
 */
final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintStream out = System.err;
    private final boolean terminal = System.console() != null;
    private final long startNanos = System.nanoTime();
    private long lastLineNanos;

    void update(long done, long total, String detail) {
        long now = System.nanoTime();
        if (!terminal && now - lastLineNanos < 5_000_000_000L && done < total) {
            return;
        }
        lastLineNanos = now;
        int filled = total == 0 ? WIDTH : (int) Math.min(WIDTH, WIDTH * done / total);
        double seconds = (now - startNanos) / 1e9;
        String line = String.format("[%s%s] %d/%d %s (%.0f s)", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, detail, seconds);
        out.print(terminal ? "\r" + line + "   " : line + System.lineSeparator());
        out.flush();
    }

    void finish() {
        if (terminal) {
            out.println();
        }
    }
}
