package dev.rustreview.ui;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.app.MainWindow;
import dev.rustreview.ui.app.OpenRequest;
import dev.rustreview.ui.app.ReviewBackend;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.Grouping;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the real window on the bundled sample to a PNG, headless (run it on Monocle: see the
 * {@code screenshot} execution in pom.xml). Shows the first hunk with an AL1 finding, so the navigator,
 * diff gutter and inspector all have something to show. System properties: {@code screenshot.out},
 * {@code screenshot.theme} (light|dark), {@code screenshot.view} (unified|split), {@code screenshot.group},
 * {@code screenshot.scene} (review|decided|annotation|banner|error, see {@link #stage}).
 */
public final class Screenshot {

    private Screenshot() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(System.getProperty("screenshot.out", "target/rust-review.png"));
        boolean dark = "dark".equals(System.getProperty("screenshot.theme", "light"));
        boolean split = "split".equals(System.getProperty("screenshot.view", "unified"));
        Grouping grouping = Grouping.valueOf(System.getProperty("screenshot.group", "CATEGORY").toUpperCase());
        Path home = Files.createTempDirectory("rust-review-shot");
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
        FxExecutors executors = new FxExecutors();
        CompletableFuture<Stage> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(new Stage()));
        Stage stage = started.get(30, TimeUnit.SECONDS);
        MainWindow window = onFx(() -> {
            MainWindow w = new MainWindow(executors, url -> { }, dark);
            Scene scene = new Scene(w, 1500, 900);
            scene.getStylesheets().addAll(dev.rustreview.ui.app.RustReviewApp.stylesheets());
            stage.setScene(scene);
            stage.show();
            w.setOpener(r -> ReviewBackend.open(r, dirs));
            w.open(OpenRequest.sample());
            return w;
        });
        waitFor(() -> onFx(() -> window.navigator().rootProperty().get() != null), 120);
        onFx(() -> {
            window.navigator().groupingProperty().set(grouping);
            window.diffView().splitProperty().set(split);
            showAl1(window);
            return null;
        });
        waitFor(() -> onFx(() -> window.navigator().selectedProperty().get() != null
                && window.navigator().selectedProperty().get().path().equals(window.diffView().current().path())), 30);
        stage(window, System.getProperty("screenshot.scene", "review"), home);
        Thread.sleep(800); // a few pulses so the virtual flows lay out their cells
        WritableImage image = onFx(() -> window.getScene().snapshot(null));
        Files.createDirectories(out.toAbsolutePath().getParent());
        ImageIO.write(toBuffered(image), "png", out.toFile());
        System.out.println("wrote " + out.toAbsolutePath() + " (" + (int) image.getWidth() + "x" + (int) image.getHeight() + ")");
        onFx(() -> {
            window.close();
            stage.close();
            return null;
        });
        executors.close();
        Platform.exit();
    }

    /**
     * Puts the window in the state a scene shows: {@code review} (as opened), {@code decided} (a few decisions,
     * an acknowledgement and an annotation), {@code annotation} (the editor open with text), {@code banner} (the
     * agent's second round), {@code error} (a folder that is no repository).
     */
    private static void stage(MainWindow window, String scene, Path home) throws Exception {
        var review = window.review();
        switch (scene) {
            case "review" -> { }
            case "decided", "annotation", "banner" -> {
                waitFor(() -> onFx(review::isOpen), 60);
                onFx(() -> {
                    window.navigator().selectedProperty().set(window.navigator().visibleHunks().get(0));
                    for (int i = 0; i < 6; i++) {
                        window.hunkCommands().decide(i == 2 ? dev.rustreview.review.DecisionState.DISCUSS
                                : dev.rustreview.review.DecisionState.ACCEPTED);
                        window.navigator().moveHunk(1);
                    }
                    showAl1(window);
                    var ref = window.navigator().selectedProperty().get();
                    var found = window.navigator().entry(ref).orElseThrow().findings();
                    var f = found.stream().filter(x -> x.ruleId().equals("AL1")).findFirst().orElse(found.get(0));
                    found.stream().filter(x -> x.ruleId().equals("CC4")).findFirst().ifPresent(x -> review.acknowledge(
                            x.id(), "only the worker sets `running`; the check-then-set cannot interleave"));
                    review.annotateLines(f.path(), f.side(), f.startLine(), f.startLine() + 1,
                            dev.rustreview.review.AnnotationKind.ISSUE, "**Race**: `state` is still locked while "
                                    + "`upload_part` awaits. Scope the guard:\n\n```rust\nlet key = { let s = "
                                    + "self.state.lock().unwrap(); /* ... */ };\n```", null);
                    if (scene.equals("annotation")) {
                        window.inspectorPane().beginAnnotation(f.path(), f.side(), f.startLine() + 3, f.startLine() + 4);
                    }
                    return null;
                });
                if (scene.equals("annotation")) {
                    Thread.sleep(300);
                    onFx(() -> {
                        var editor = window.inspectorPane().editor().orElseThrow();
                        editor.textArea().setText("Why *sort* here? The parts arrive out of order only when "
                                + "`MAX_CONCURRENT_PARTS > 1`; a `BTreeMap` keyed by part number keeps them sorted.");
                        return null;
                    });
                }
                if (scene.equals("banner")) {
                    onFx(() -> {
                        window.openRevisions(dev.rustreview.git.BundledSample.BASE,
                                dev.rustreview.git.BundledSample.HEAD_V2, true);
                        return null;
                    });
                    waitFor(() -> onFx(() -> window.roundBanner().isVisible()), 120);
                    // A unit the agent rewrote since it was decided: the diff shows it "since my last review".
                    onFx(() -> {
                        var nav = window.navigator();
                        nav.allHunks().stream().filter(r -> nav.entry(r).map(e -> e.analysis() != null
                                && review.changedSince(e.analysis().id()).isPresent()).orElse(false))
                                .findFirst().ifPresent(nav.selectedProperty()::set);
                        return null;
                    });
                    waitFor(() -> onFx(window::showingSinceLast), 60);
                }
            }
            case "error" -> {
                Path notRepo = Files.createDirectories(home.resolve("not-a-repository"));
                onFx(() -> {
                    window.open(new OpenRequest(notRepo, null, null));
                    return null;
                });
                waitFor(() -> onFx(() -> window.statusBar().showsError()), 30);
            }
            default -> throw new IllegalArgumentException("screenshot.scene: review, decided, annotation, banner or error");
        }
    }

    // Lands just before the AL1 hunk, then "f" shows it as a reviewer would.
    private static void showAl1(MainWindow window) {
        var order = window.navigator().visibleHunks();
        order.stream().filter(r -> window.navigator().entry(r).orElseThrow().findings().stream()
                        .anyMatch(f -> f.ruleId().equals("AL1")))
                .findFirst().ifPresent(r -> {
                    int at = order.indexOf(r);
                    window.navigator().selectedProperty().set(at > 0 ? order.get(at - 1) : null);
                });
        window.nextFinding();
    }

    static BufferedImage toBuffered(WritableImage image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            reader.getPixels(0, y, w, 1, javafx.scene.image.PixelFormat.getIntArgbInstance(), row, 0, w);
            out.setRGB(0, y, w, 1, row, 0, w);
        }
        return out;
    }


    static <T> T onFx(java.util.concurrent.Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Exception | Error e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!check.ok()) {
            if (System.nanoTime() > end) {
                throw new IOException("timed out waiting for the window");
            }
            Thread.sleep(100);
        }
    }
}
