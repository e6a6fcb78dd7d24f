package dev.rustreview.ui.fx;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;

/**
 * The two places work runs: a small pool of named daemon threads for git, parsing and file I/O, and the
 * FX thread for results. Closed in {@code Application.stop()}.
 */
public final class FxExecutors implements AutoCloseable {

    private final ExecutorService background;
    private final Executor fx = Platform::runLater;

    public FxExecutors() {
        AtomicInteger n = new AtomicInteger();
        int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
        this.background = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "rust-review-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Where git, parse and file work runs. Never the FX thread. */
    public ExecutorService background() {
        return background;
    }

    /** Runs on the FX thread, for results that touch the scene. */
    public Executor fx() {
        return fx;
    }

    @Override
    public void close() {
        background.shutdownNow();
        try {
            background.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
