package dev.rustreview.ui.app;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.fx.Windows;
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
    private Stage stage;
    private AppDirs dirs;
    private WindowPrefs prefs;
    private DiffPrefs diffPrefs;
    private SavingClose closing;
    // The navigator's severity filter, taken on the FX thread for the worker that saves it.
    private volatile dev.rustreview.model.Severity noiseMinimum;

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

    private dev.rustreview.ui.topbar.RecentRepositories recent;
    private Path lastRepo;

    /** Reads the settings on the launcher thread, before the FX thread starts: the FX thread does no I/O. */
    @Override
    public void init() {
        StartupTrace.mark("toolkit started");
        dirs = AppDirs.forCurrentUser();
        prefs = WindowPrefs.load(dirs.config());
        diffPrefs = DiffPrefs.load(dirs.config());
        recent = dev.rustreview.ui.topbar.RecentRepositories.load(dirs);
        lastRepo = prefs.lastRepo() != null && java.nio.file.Files.isDirectory(prefs.lastRepo()) ? prefs.lastRepo() : null;
    }

    @Override
    public void start(Stage stage) {
        Map<String, String> named = getParameters().getNamed();
        // No --repo: reopen the last repository if it still exists, else the bundled sample.
        Path repo = named.containsKey("repo") ? Path.of(named.get("repo")) : lastRepo;
        OpenRequest request = new OpenRequest(repo, named.get("base"), named.get("head"));
        this.stage = stage;
        // Before the first control exists, or it loads JavaFX's own stylesheet first.
        Theme.useStylesheetOf(prefs.dark());
        executors = new FxExecutors();
        window = new MainWindow(executors, getHostServices()::showDocument, prefs.dark());
        window.setOpener(r -> ReviewBackend.open(r, dirs));
        window.setRecent(recent);
        javafx.geometry.Dimension2D size = Windows.fitted(prefs.width(), prefs.height());
        Scene scene = new Scene(window, size.getWidth(), size.getHeight());
        scene.getStylesheets().addAll(stylesheets());
        window.split().setDividerPositions(prefs.dividers());
        // The grouping the reviewer chose last time (the plan by default) and the "next after deciding" setting.
        java.util.Arrays.stream(dev.rustreview.ui.navigator.Grouping.values())
                .filter(g -> g.name().equals(prefs.grouping())).findFirst()
                .ifPresent(window.navigator().groupingProperty()::set);
        window.navigator().advanceAfterDecisionProperty().set(prefs.advance());
        window.navigator().marks().hideUnchangedProperty().set(prefs.hideUnchanged());
        window.navigator().noise().minimumProperty().set(dev.rustreview.ui.navigator.NoisePrefs.load(dirs.config()));
        diffPrefs.applyTo(window.diffView());
        stage.setTitle("Rust Review");
        stage.setScene(scene);
        // Closing writes the review and the window state on a worker, never on the FX thread.
        closing = new SavingClose(stage, () -> {
            WindowPrefs state = currentPrefs();
            DiffPrefs diffState = DiffPrefs.of(window.diffView());
            noiseMinimum = window.navigator().noise().minimumProperty().get();
            java.util.concurrent.CompletableFuture<Void> prefsSaved = java.util.concurrent.CompletableFuture
                    .runAsync(() -> savePrefs(state, diffState), executors.background());
            return window.saveBeforeClose().thenCombine(prefsSaved.exceptionally(e -> null), (saved, none) -> saved);
        }, window::lastSaveError, SavingClose.PATIENCE, SavingClose.alerts(stage));
        closing.install();
        StartupTrace.mark("window built");
        Windows.showSized(stage);
        StartupTrace.mark("window shown");
        if (Boolean.getBoolean("rustreview.startupTrace")) {
            StartupTrace.install(window);
        }
        window.open(request);
    }

    /** Every stylesheet of the window, in cascade order (later files refine earlier ones). */
    public static java.util.List<String> stylesheets() {
        return java.util.stream.Stream.of("app.css", "diff.css", "inspector.css", "topbar.css").map(RustReviewApp::stylesheet).toList();
    }

    static String stylesheet(String name) {
        return Objects.requireNonNull(RustReviewApp.class.getResource("/styles/" + name), "missing stylesheet " + name)
                .toExternalForm();
    }

    private WindowPrefs currentPrefs() {
        return new WindowPrefs(stage.getWidth(), stage.getHeight(), window.split().getDividerPositions(),
                window.theme().darkProperty().get(), window.openRepository(),
                window.navigator().groupingProperty().get().name(),
                window.navigator().advanceAfterDecisionProperty().get(),
                window.navigator().marks().hideUnchangedProperty().get());
    }

    private void savePrefs(WindowPrefs state, DiffPrefs diffState) {
        try {
            state.save(dirs.config());
            diffState.save(dirs.config());
            dev.rustreview.ui.navigator.NoisePrefs.save(dirs.config(), noiseMinimum);
        } catch (java.io.IOException e) {
            System.err.println("rust-review: could not save the window state: " + e.getMessage());
        }
    }

    /**
     * After a close through the window everything is on disk already ({@link SavingClose}); a toolkit exit that
     * bypassed it (or a test) still saves here, on the calling thread, as the last chance.
     */
    @Override
    public void stop() {
        boolean saved = closing != null && closing.savedBeforeClose();
        boolean abandoned = closing != null && closing.abandoned();
        if (window != null && stage != null && !saved && !abandoned) {
            noiseMinimum = window.navigator().noise().minimumProperty().get();
            savePrefs(currentPrefs(), DiffPrefs.of(window.diffView()));
        }
        if (window != null) {
            window.close(!abandoned);
        }
        if (executors != null) {
            executors.close();
        }
    }
}
