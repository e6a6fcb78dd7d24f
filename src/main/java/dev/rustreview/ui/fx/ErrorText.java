package dev.rustreview.ui.fx;

import dev.rustreview.model.BadInputException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** A failure as the one line of words the status bar shows; never a stack trace. */
public final class ErrorText {

    private ErrorText() {
    }

    /** The user's problem in words ({@link BadInputException}), else a short note that it is a bug. */
    public static String of(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String message = firstLine(e.getMessage());
        if (e instanceof BadInputException || e instanceof UncheckedIOException) {
            return message.isEmpty() ? e.getClass().getSimpleName() : inWindowWords(message);
        }
        return "Something went wrong: " + (message.isEmpty() ? e.getClass().getSimpleName() : message)
                + " (this is a bug; please report it)";
    }

    /**
     * The core's messages end with the command line's advice ({@code pass --repo DIR}); in the window the same
     * advice names the control that does it.
     */
    static String inWindowWords(String message) {
        return message
                .replace("pass an existing folder with --repo DIR", "open an existing folder (Repository > Open folder...)")
                .replace("pass the repository's folder with --repo DIR", "open the repository's folder (Repository > Open folder...)")
                .replace("run rust-review in a repository or pass --repo DIR", "open a repository's folder (Repository > Open folder...)")
                .replace("open another repository with --repo DIR", "open another repository (Repository > Open folder...)")
                .replace("pass --repo DIR", "open a folder (Repository > Open folder...)")
                .replace("pass --base BRANCH", "pick a base branch in the top bar")
                .replace("pass --head BRANCH", "pick a head branch in the top bar");
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
