package dev.rustreview.check;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs one external command with a wall-clock limit and an output-size limit, killing it and its descendants
 * when either is reached or the check is cancelled. Standard output is kept whole (up to the limit); standard
 * error only its tail, for the one-line failure messages.
 */
final class ProcessRunner {

    /** How the command ended. {@code exitCode} is -1 when it was killed. */
    record Outcome(int exitCode, String stdout, String stderrTail, boolean timedOut, boolean overLimit, boolean cancelled) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private static final int STDERR_TAIL = 64 * 1024;

    private ProcessRunner() {
    }

    static Outcome run(List<String> command, Path cwd, Map<String, String> env, boolean clearEnv, Duration limit,
                       long maxOutput, Cancellation cancellation) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        if (clearEnv) {
            builder.environment().clear();
        }
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (cancellation.isCancelled()) {
            return new Outcome(-1, "", "", false, false, true);
        }
        Process process = builder.start();
        cancellation.attach(process);
        if (cancellation.isCancelled()) {
            killTree(process); // cancelled between the check above and attach: nobody else will kill it
        }
        try {
            Capture out = new Capture(process.getInputStream(), maxOutput, false, process);
            Capture err = new Capture(process.getErrorStream(), maxOutput, true, process);
            out.start();
            err.start();
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            out.join(5000);
            err.join(5000);
            boolean cancelled = cancellation.isCancelled();
            boolean killed = !finished || out.overLimit || err.overLimit || cancelled;
            return new Outcome(killed ? -1 : process.exitValue(), out.text(), err.text(), !finished,
                    out.overLimit || err.overLimit, cancelled);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new Outcome(-1, "", "", false, false, true);
        } finally {
            cancellation.detach();
        }
    }

    /** Kills descendants first so none is re-parented and survives its killed parent. */
    static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /** Drains one stream on its own thread so a full pipe never blocks the child. */
    private static final class Capture extends Thread {
        private final InputStream in;
        private final long max;
        private final boolean tailOnly;
        private final Process process;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private volatile boolean overLimit;

        Capture(InputStream in, long max, boolean tailOnly, Process process) {
            super("cargo-output");
            setDaemon(true);
            this.in = in;
            this.max = max;
            this.tailOnly = tailOnly;
            this.process = process;
        }

        @Override
        public void run() {
            byte[] buffer = new byte[16384];
            long total = 0;
            try (in) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    total += n;
                    if (total > max) {
                        overLimit = true;
                        killTree(process);
                        return;
                    }
                    synchronized (bytes) {
                        bytes.write(buffer, 0, n);
                        if (tailOnly && bytes.size() > 2 * STDERR_TAIL) {
                            byte[] all = bytes.toByteArray();
                            bytes.reset();
                            bytes.write(all, all.length - STDERR_TAIL, STDERR_TAIL);
                        }
                    }
                }
            } catch (IOException e) {
                // The process was killed or closed its end; what was read is kept.
            }
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
