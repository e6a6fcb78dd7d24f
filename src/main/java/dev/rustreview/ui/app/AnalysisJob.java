package dev.rustreview.ui.app;
import dev.rustreview.analysis.ChangeAnalyzer;
import dev.rustreview.model.ChangeAnalysis;
import dev.rustreview.ui.fx.ErrorText;
import dev.rustreview.ui.fx.FxExecutors;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One branch analysis running off the FX thread. Progress (commits walked while attributing lines, then files)
 * reaches the status bar at most once per FX pulse (workers report per file, possibly thousands a second), and
 * Cancel flips the flag the line attribution polls per commit and the analyzer between files, so it really
 * stops instead of finishing in the background.
 */
final class AnalysisJob {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    // Set on the FX thread when the result arrives: a progress update a worker queued late must not
    // bring the progress bar back over the final message.
    private boolean finished;
    private final AtomicReference<Step> pendingProgress = new AtomicReference<>();

    private record Step(String text, double fraction) {
    }

    private AnalysisJob() {
    }

    /** Starts analysing {@code backend}'s branch; {@code onDone} runs on the FX thread with the result. */
    static AnalysisJob start(ReviewBackend backend, FxExecutors executors, StatusBar status,
                             Consumer<ChangeAnalysis> onDone) {
        AnalysisJob job = new AnalysisJob();
        status.progress("Analysing\u2026", -1, job::cancel);
        try {
            run(job, backend, executors, status, onDone);
        } catch (java.util.concurrent.RejectedExecutionException closing) {
            job.cancel(); // the window is closing and its workers are gone
        }
        return job;
    }

    private static void run(AnalysisJob job, ReviewBackend backend, FxExecutors executors, StatusBar status,
                            Consumer<ChangeAnalysis> onDone) {
        ChangeAnalyzer.Listener listener = new ChangeAnalyzer.Listener() {
            @Override
            public void fileDone(int done, int total, String path) {
                job.report("Analysing " + done + "/" + total + ": " + path, done, total, executors, status);
            }

            @Override
            public void commitsWalked(int done, int total) {
                job.report("Attributing lines to commits: " + done + "/" + total + " commits walked", done, total,
                        executors, status);
            }
        };
        CompletableFuture.supplyAsync(() -> backend.analyze(listener, job.cancelled::get), executors.background())
                .whenCompleteAsync((analysis, error) -> {
                    job.finished = true;
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    if (job.cancelled.get() || cause instanceof CancellationException) {
                        status.idle("Analysis cancelled: categories, findings and provenance are not shown");
                    } else if (cause != null) {
                        status.error(ErrorText.of(cause));
                    } else {
                        onDone.accept(analysis);
                    }
                }, executors.fx());
    }

    private void report(String text, int done, int total, FxExecutors executors, StatusBar status) {
        double fraction = total == 0 ? -1 : (double) done / total;
        // Only schedule an FX update when none is pending; later reports just replace the text.
        if (pendingProgress.getAndSet(new Step(text, fraction)) == null) {
            executors.fx().execute(() -> {
                Step latest = pendingProgress.getAndSet(null);
                // An error shown meanwhile (a failed open) stays until the reviewer's next action.
                if (latest != null && !cancelled.get() && !finished && !status.showsError()) {
                    status.progress(latest.text(), latest.fraction(), this::cancel);
                }
            });
        }
    }

    /** Asks the analysis to stop; it ends at the next commit or file boundary. */
    void cancel() {
        cancelled.set(true);
    }

    boolean isCancelled() {
        return cancelled.get();
    }
}
