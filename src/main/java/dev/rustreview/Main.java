package dev.rustreview;

import dev.rustreview.cli.RustReviewCommand;
import dev.rustreview.ui.app.OpenRequest;
import dev.rustreview.ui.app.RustReviewApp;
import java.util.OptionalInt;

/**
 * Entry point of the jar: with no subcommand it opens the window, with one it runs the CLI. This class
 * is the only place that knows both faces, so neither {@code cli} nor {@code ui} imports the other.
 * It must not extend {@code Application}: a plain main class lets JavaFX start from the class path.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        OptionalInt relaunched = TunedJvm.run(args);
        if (relaunched.isPresent()) {
            System.exit(relaunched.getAsInt());
        }
        if (args.length > 0) {
            TunedJvm.announce();
        }
        int status = RustReviewCommand.run(args,
                request -> RustReviewApp.launch(new OpenRequest(request.repo(), request.base(), request.head())));
        if (status != RustReviewCommand.WINDOW_OPENED) {
            System.exit(status);
        }
    }
}
