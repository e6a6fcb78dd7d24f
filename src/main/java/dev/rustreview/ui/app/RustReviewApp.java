package dev.rustreview.ui.app;

import atlantafx.base.theme.PrimerLight;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX application: builds the window, then opens the requested repository off the FX thread. */
public final class RustReviewApp extends Application {

    private FxExecutors executors;
    private MainWindow window;

    /** Starts the toolkit and blocks until the window is closed. */
    public static void launch(OpenRequest request) {
        List<String> args = new ArrayList<>();
        if (request.repo() != null) {
            args.add("--repo=" + request.repo());
        }
        if (request.base() != null) {
            args.add("--base=" + request.base());
        }
        if (request.head() != null) {
            args.add("--head=" + request.head());
        }
        try {
            Application.launch(RustReviewApp.class, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            throw WindowUnavailable.explain(e);
        }
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        OpenRequest request = new OpenRequest(named.containsKey("repo") ? Path.of(named.get("repo")) : null,
                named.get("base"), named.get("head"));
        executors = new FxExecutors();
        window = new MainWindow(executors, getHostServices()::showDocument);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
        Scene scene = new Scene(window, 1280, 800);
        scene.getStylesheets().addAll(stylesheet("app.css"), stylesheet("diff.css"));
        stage.setTitle("Rust Review");
        stage.setScene(scene);
        stage.show();
        AppDirs dirs = AppDirs.forCurrentUser();
        window.open(() -> RepositorySession.open(request, dirs));
    }

    static String stylesheet(String name) {
        return Objects.requireNonNull(RustReviewApp.class.getResource("/styles/" + name), "missing stylesheet " + name)
                .toExternalForm();
    }

    @Override
    public void stop() {
        if (window != null) {
            window.close();
        }
        if (executors != null) {
            executors.close();
        }
    }
}
