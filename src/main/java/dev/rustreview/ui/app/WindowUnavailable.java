package dev.rustreview.ui.app;

import dev.rustreview.model.BadInputException;

/**
 * Translates JavaFX's start-up failures (no display, no GTK 3 on Linux) into one line that says what to do,
 * instead of a toolkit stack trace.
 */
final class WindowUnavailable {

    private WindowUnavailable() {
    }

    static RuntimeException explain(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("GTK")) {
            return new BadInputException("cannot open a window: JavaFX needs GTK 3 on Linux (install libgtk-3-0); "
                    + "the command line works without it (rust-review --help)", e);
        }
        if (message.contains("display") || message.contains("DISPLAY")) {
            return new BadInputException("cannot open a window: no display available (is DISPLAY set?); "
                    + "the command line works without one (rust-review --help)", e);
        }
        return e;
    }
}
