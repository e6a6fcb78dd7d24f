package dev.rustreview.ui.app;

import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.HunkRef;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * {@code j} in the whole window, as a reviewer presses it all day: the time from the key's action (the navigator
 * moves to the next unit) until the unit is on screen (its file's diff shown, laid out and painted, the caret on
 * the unit), per key, for the bundled sample or a repository of yours. Separately, the moves that stay in the
 * same file and those that open another file. Runs the window with Monocle (headless, software rendering), so
 * it needs no display; prints numbers, asserts nothing.
 *
 * <pre>./mvnw -q test-compile exec:exec@navigation-benchmark [-Dnav.repo=DIR -Dnav.base=REV -Dnav.head=REV] [-Dnav.keys=N]</pre>
 */
public final class NavigationBenchmark {

    private static final java.lang.management.MemoryMXBean MEMORY = java.lang.management.ManagementFactory.getMemoryMXBean();

    private NavigationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String repo = property("nav.repo");
        int keys = Integer.parseInt(property("nav.keys") == null ? "60" : property("nav.keys"));
        Path home = Files.createTempDirectory("rust-review-nav");
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
        OpenRequest request = repo == null ? OpenRequest.sample()
                : new OpenRequest(Path.of(repo), property("nav.base"), property("nav.head"));
        CompletableFuture<Stage> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(new Stage()));
        Stage stage = started.get(30, TimeUnit.SECONDS);
        FxExecutors executors = new FxExecutors();
        CompletableFuture<MainWindow> made = new CompletableFuture<>();
        long opened = System.nanoTime();
        Platform.runLater(() -> {
            Theme.useStylesheetOf(false);
            MainWindow window = new MainWindow(executors, url -> { });
            Scene scene = new Scene(window, 1600, 1000);
            scene.getStylesheets().addAll(RustReviewApp.stylesheets());
            stage.setScene(scene);
            stage.show();
            window.setOpener(r -> ReviewBackend.open(r, dirs));
            window.open(request);
            made.complete(window);
        });
        MainWindow window = made.get(30, TimeUnit.SECONDS);
        while (!onFx(() -> window.review().isOpen() && window.navigator().selectedProperty().get() != null)) {
            Thread.sleep(100);
        }
        System.out.printf("opened %s: review open, first unit selected %.1f s after the window was shown; %d units%n",
                repo == null ? "the bundled sample" : repo, (System.nanoTime() - opened) / 1e9,
                onFx(() -> window.navigator().visibleHunks().size()));
        Thread.sleep(2000); // let tree-sitter's recolouring of the first file finish
        List<Long> sameFile = new ArrayList<>();
        List<Long> otherFile = new ArrayList<>();
        List<Long> handler = new ArrayList<>();
        for (int k = 0; k < keys; k++) {
            String before = onFx(() -> window.diffView().current().path());
            long start = System.nanoTime();
            HunkRef target = onFx(() -> {
                long t = System.nanoTime();
                window.navigator().moveHunk(1);
                handler.add((System.nanoTime() - t) / 1_000_000);
                return window.navigator().selectedProperty().get();
            });
            if (target == null) {
                break;
            }
            // Shown: the diff holds the unit's file and the caret is on the unit, after one more pulse (painted).
            while (!onFx(() -> window.diffView().current().path().equals(target.path())
                    && window.diffView().currentUnit() == target.index())) {
                Thread.sleep(1);
            }
            onFx(() -> true);
            long ms = (System.nanoTime() - start) / 1_000_000;
            (before.equals(target.path()) ? sameFile : otherFile).add(ms);
        }
        report("j's handler on the FX thread (navigator, inspector, diff scroll)", handler);
        report("j within a file", sameFile);
        report("j into another file", otherFile);
        System.gc();
        System.out.printf("heap used after the run: %d MB; resident: %s%n",
                MEMORY.getHeapMemoryUsage().getUsed() >> 20, resident());
        Platform.runLater(window::close);
        executors.close();
        Platform.exit();
        System.exit(0);
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        return v == null || v.isBlank() || v.startsWith("${") ? null : v;
    }

    private static void report(String what, List<Long> ms) {
        if (ms.isEmpty()) {
            System.out.printf("%s: none%n", what);
            return;
        }
        long[] v = ms.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("%s: %d keys, median %d ms, 90th percentile %d ms, max %d ms%n", what, v.length,
                v[v.length / 2], v[Math.min(v.length - 1, (int) Math.ceil(v.length * 0.9) - 1)], v[v.length - 1]);
    }

    private static String resident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:") || line.startsWith("VmHWM:")) {
                    return line.replaceAll("\\s+", " ");
                }
            }
        } catch (java.io.IOException e) {
            // not Linux
        }
        return "unknown";
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(120, TimeUnit.SECONDS);
    }
}
