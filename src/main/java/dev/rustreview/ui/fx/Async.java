package dev.rustreview.ui.fx;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Runs work off the FX thread and hands its result, or its failure, back on the FX thread. */
public final class Async {

    private final FxExecutors executors;
    private final Consumer<Throwable> onError;

    public Async(FxExecutors executors, Consumer<Throwable> onError) {
        this.executors = executors;
        this.onError = onError;
    }

    /** Runs {@code work} on a worker; {@code onFx} gets the result on the FX thread, failures go to the error handler. */
    public <T> void run(Supplier<T> work, Consumer<T> onFx) {
        run(work, onFx, onError);
    }

    /** As above with this call's own failure handler. */
    public <T> void run(Supplier<T> work, Consumer<T> onFx, Consumer<Throwable> failed) {
        try {
            CompletableFuture.supplyAsync(work, executors.background())
                    .whenCompleteAsync((value, error) -> {
                        if (error != null) {
                            failed.accept(error instanceof CompletionException ? error.getCause() : error);
                        } else {
                            onFx.accept(value);
                        }
                    }, executors.fx());
        } catch (RejectedExecutionException closing) {
            // The window is closing and its workers are gone: a late result has nowhere to go.
        }
    }

    public FxExecutors executors() {
        return executors;
    }
}
