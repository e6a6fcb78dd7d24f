package dev.rustreview.ui.app;

import java.util.function.Supplier;

/**
 * How far opening a repository has got (files whose review units are cut, of all changed files), reported from the
 * opening thread. Openers are plain {@code Supplier}s chosen by the caller (the app, tests, benchmarks), so the
 * window hands its progress sink to whatever opener runs through a thread-local set only for that call rather
 * than widening every opener's signature.
 */
@FunctionalInterface
interface OpenProgress {

    void filesCut(int done, int total);

    OpenProgress NONE = (done, total) -> { };

    ThreadLocal<OpenProgress> CURRENT = ThreadLocal.withInitial(() -> NONE);

    /** The sink of the open running on this thread ({@link #NONE} outside one). */
    static OpenProgress current() {
        return CURRENT.get();
    }

    /** Runs {@code opener} on this thread with {@code sink} as {@link #current()}. */
    static <T> T during(OpenProgress sink, Supplier<T> opener) {
        CURRENT.set(sink);
        try {
            return opener.get();
        } finally {
            CURRENT.remove();
        }
    }
}
