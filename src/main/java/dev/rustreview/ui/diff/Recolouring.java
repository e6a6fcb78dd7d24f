package dev.rustreview.ui.diff;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import javafx.application.Platform;

/**
 * Brings tree-sitter's colours to the panes on screen after the lexer's: parses on one background thread,
 * then applies on the FX thread unless something newer was painted meanwhile.
 */
final class Recolouring implements AutoCloseable {

    // One thread per view parses for colouring: a newer file makes the queued work for older ones moot. Owned
    // by the view and shut down with it, like the window's other executors.
    private final ExecutorService syntax = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "diff-syntax");
        t.setDaemon(true);
        return t;
    });

    private final AtomicLong painted = new AtomicLong();
    private LongConsumer onDone = nanos -> { };

    /** Forgets any colouring under way: the panes it was for are gone. */
    void cancel() {
        painted.incrementAndGet();
    }

    /**
     * Colours {@code diff}, shown in {@code panes}: restyles them row by row, or hands {@code swap} the
     * rebuilt diff when too many rows change.
     */
    void start(PreparedDiff diff, List<DiffPane> panes, Consumer<PreparedDiff> swap) {
        long generation = painted.incrementAndGet();
        if (syntax.isShutdown()) {
            return; // the view is closed; the lexer's colours stay
        }
        CompletableFuture.supplyAsync(() -> generation == painted.get() ? Restyle.of(diff) : null, syntax)
                .thenAccept(result -> {
                    if (result != null) {
                        Platform.runLater(() -> apply(generation, result, panes, swap));
                    }
                }).exceptionally(e -> {
                    // The lexer's colours stay: a parser failure must not cost the reviewer the diff.
                    System.getLogger(Recolouring.class.getName()).log(System.Logger.Level.WARNING,
                            "tree-sitter colouring failed for " + diff.doc().path(), e);
                    return null;
                });
    }

    private void apply(long generation, Restyle.Result result, List<DiffPane> panes, Consumer<PreparedDiff> swap) {
        if (generation != painted.get()) {
            return;
        }
        long start = System.nanoTime();
        if (result.rebuilt() != null) {
            swap.accept(result.rebuilt());
        } else {
            for (int i = 0; i < panes.size(); i++) {
                panes.get(i).restyle(result.panes().get(i));
            }
        }
        onDone.accept(System.nanoTime() - start);
    }

    /** Stops the colouring thread; work under way is dropped (its panes are going away). */
    @Override
    public void close() {
        cancel();
        syntax.shutdownNow();
    }

    /** Whether {@link #close} ran, for tests. */
    boolean isClosed() {
        return syntax.isShutdown();
    }

    /** For tests and the benchmark: called on the FX thread with how long applying the colours took. */
    void setOnDone(LongConsumer action) {
        onDone = action;
    }
}
