package dev.rustreview.cli;

import java.io.PrintWriter;

/**
 * Progress for long work, on stderr and only when stderr is a terminal, so pipes and CI logs stay clean.
 * Draws a bar when the total is known, a plain step line otherwise, and clears its line when closed.
 */
final class Progress implements AutoCloseable {

    private static final int WIDTH = 28;
    private final PrintWriter err;
    private final boolean enabled;
    private int lastLength;

    private Progress(PrintWriter err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Progress on {@code err} when the process has a console; silent otherwise. */
    static Progress onStderr(PrintWriter err) {
        return new Progress(err, isTerminal() && System.getenv("CI") == null);
    }

    /**
     * Whether stderr's console is a terminal. From JDK 22 {@code System.console()} exists even when output is
     * piped and {@code Console.isTerminal()} tells; on 21 a console exists only for a terminal.
     */
    private static boolean isTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    /** Progress that shows nothing. */
    static Progress silent() {
        return new Progress(new PrintWriter(java.io.Writer.nullWriter()), false);
    }

    void step(String what) {
        draw(what);
    }

    void update(long done, long total, String what) {
        if (total <= 0) {
            draw(what);
            return;
        }
        int filled = (int) Math.min(WIDTH, WIDTH * done / total);
        draw("[" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] " + done + "/" + total + " " + what);
    }

    /** Reports an analysis: commits walked while attributing lines, then files as they finish. */
    dev.rustreview.analysis.ChangeAnalyzer.Listener analysisListener() {
        return new dev.rustreview.analysis.ChangeAnalyzer.Listener() {
            @Override
            public void fileDone(int done, int total, String path) {
                update(done, total, path);
            }

            @Override
            public void commitsWalked(int done, int total) {
                update(done, total, "commits walked (attributing lines)");
            }
        };
    }

    private synchronized void draw(String line) {
        if (!enabled) {
            return;
        }
        String shown = line.length() > 100 ? line.substring(0, 97) + "..." : line;
        err.print("\r" + shown + " ".repeat(Math.max(0, lastLength - shown.length())));
        err.flush();
        lastLength = shown.length();
    }

    @Override
    public void close() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
        }
    }
}
