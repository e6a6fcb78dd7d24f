package dev.rustreview.ui.app;

import dev.rustreview.model.BadInputException;

/** Turns a failure into the one line the status bar shows: the user's problem in words, or a short bug note. */
public final class ErrorText {

    private ErrorText() {
    }

    public static String of(Throwable error) {
        if (error instanceof BadInputException) {
            return error.getMessage();
        }
        String detail = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "Something went wrong: " + detail.lines().findFirst().orElse(detail)
                + " (this is a bug; please report it)";
    }
}
