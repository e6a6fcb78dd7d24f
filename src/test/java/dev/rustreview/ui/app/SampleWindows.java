package dev.rustreview.ui.app;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.testfx.util.WaitForAsyncUtils;

/** The headless flow tests' common start: the whole window, styled, on the bundled sample, settings under a temp home. */
final class SampleWindows {

    private SampleWindows() {
    }

    /** Settings and the sample's build folder under {@code home}, never the user's. */
    static AppDirs dirs(Path home) {
        return AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
    }

    /** Shows a window of {@code width}×{@code height} on {@code stage} and starts opening the sample in it. */
    static MainWindow show(Stage stage, FxExecutors executors, AppDirs dirs, double width, double height) {
        MainWindow window = new MainWindow(executors, url -> { });
        Scene scene = new Scene(window, width, height);
        scene.getStylesheets().addAll(RustReviewApp.stylesheets());
        stage.setScene(scene);
        stage.show();
        window.setOpener(request -> ReviewBackend.open(request, dirs));
        window.open(OpenRequest.sample());
        return window;
    }

    /** Waits until the sample's review is open in {@code window} and the FX thread has caught up. */
    static void waitForReview(MainWindow window, long seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> window.review().isOpen());
        WaitForAsyncUtils.waitForFxEvents();
    }
}
