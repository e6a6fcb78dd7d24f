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
            return message.isEmpty() ? e.getClass().getSimpleName() : message;
        }
        return "Something went wrong: " + (message.isEmpty() ? e.getClass().getSimpleName() : message)
                + " (this is a bug; please report it)";
    }

    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("").strip();
    }
}
