package dev.rustreview.ui.diff;

import dev.rustreview.model.ChangeType;
import dev.rustreview.model.DiffLine;
import dev.rustreview.model.FileChange;
import dev.rustreview.model.FileKind;
import dev.rustreview.model.Hunk;
import dev.rustreview.model.LineKind;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Opens a generated Rust file whose diff has 20,000 lines in the DiffView and prints the time from the
 * "click" (asking for the file) until it is laid out on screen: styling off the FX thread, then one
 * replace and a layout pulse. Run headless: {@code ./mvnw -o test-compile exec:exec@screenshot
 * -Dui.main=dev.rustreview.ui.diff.DiffViewBenchmark}. Not a test: it prints numbers.
 */
public final class DiffViewBenchmark {

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private DiffViewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        FileChange file = generated(20_000);
        CompletableFuture<Stage> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(new Stage()));
        Stage stage = started.get(30, TimeUnit.SECONDS);
        CompletableFuture<DiffView> made = new CompletableFuture<>();
        Platform.runLater(() -> {
            javafx.application.Application.setUserAgentStylesheet(
                    new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            DiffView view = new DiffView();
            Scene scene = new Scene(view, 1200, 800);
            scene.getStylesheets().add(DiffViewBenchmark.class.getResource("/styles/diff.css").toExternalForm());
            stage.setScene(scene);
            stage.show();
            made.complete(view);
        });
        DiffView view = made.get(30, TimeUnit.SECONDS);
        System.out.printf("diff rows: %d%n", DiffDocument.of(file).rows().size());
        // Run 1 is cold (classes loading, JIT not yet warm); the later ones are what a reviewer sees all day.
        // Each click waits for the previous file's tree-sitter pass (which follows every show, off the FX
        // thread) so it is measured on a quiet app; the pass is timed on its own line.
        for (int run = 1; run <= 8; run++) {
            CompletableFuture<Long> recoloured = new CompletableFuture<>();
            Platform.runLater(() -> view.setOnRecoloured(recoloured::complete));
            long start = System.nanoTime();
            PreparedDiff prepared = PreparedDiff.of(file, null); // worker thread, as in the window
            long styled = System.nanoTime();
            long[] fx = new long[4];
            CompletableFuture<Long> shown = new CompletableFuture<>();
            Platform.runLater(() -> {
                fx[0] = System.nanoTime();
                fx[3] = CPU.getCurrentThreadCpuTime();
                view.show(prepared);
                fx[1] = System.nanoTime();
                view.getScene().getRoot().applyCss();
                view.getScene().getRoot().layout();
                fx[2] = System.nanoTime();
                fx[3] = CPU.getCurrentThreadCpuTime() - fx[3];
                // The next pulse paints what the layout produced.
                Platform.runLater(() -> shown.complete(System.nanoTime()));
            });
            long end = shown.get(60, TimeUnit.SECONDS);
            // CPU time of the FX thread's part too: wall times swing when other processes share the cores.
            System.out.printf("run %d%s: styled off-thread %d ms, show %d ms, css+layout %d ms (FX CPU %d ms),"
                    + " shown %d ms after the click%n", run, run == 1 ? " (cold)" : "", (styled - start) / 1_000_000,
                    (fx[1] - fx[0]) / 1_000_000, (fx[2] - fx[1]) / 1_000_000, fx[3] / 1_000_000, (end - start) / 1_000_000);
            long applied = recoloured.get(60, TimeUnit.SECONDS);
            System.out.printf("       tree-sitter pass done %d ms after the click (%d ms on the FX thread; hunk sides over "
                    + TreeTokens.MAX_SIDE_LINES + " lines keep the lexer's colours)%n",
                    (System.nanoTime() - start) / 1_000_000, applied / 1_000_000);
        }
        Platform.exit();
    }

    static FileChange generated(int lines) {
        List<DiffLine> out = new ArrayList<>(lines);
        int oldNo = 1;
        int newNo = 1;
        for (int i = 0; i < lines; i++) {
            String code = switch (i % 5) {
                case 0 -> "    pub async fn handle_" + i + "(&self, id: u64) -> Result<(), Error> {";
                case 1 -> "        let value = self.cache.lock().unwrap().get(&id).cloned(); // look up " + i;
                case 2 -> "        tracing::info!(\"handled {} in {:?}\", id, started.elapsed());";
                case 3 -> "        Ok(compute::<'static>(value, " + i + "_u32, \"label\"))";
                default -> "    }";
            };
            LineKind kind = i % 7 < 3 ? LineKind.CONTEXT : i % 7 < 5 ? LineKind.REMOVED : LineKind.ADDED;
            out.add(new DiffLine(kind, kind == LineKind.ADDED ? 0 : oldNo, kind == LineKind.REMOVED ? 0 : newNo,
                    code, false, false));
            if (kind != LineKind.ADDED) {
                oldNo++;
            }
            if (kind != LineKind.REMOVED) {
                newNo++;
            }
        }
        Hunk hunk = new Hunk(1, oldNo - 1, 1, newNo - 1, out);
        return new FileChange("src/big.rs", "src/big.rs", ChangeType.MODIFIED, 0, FileKind.REGULAR, FileKind.REGULAR,
                "1", "2", 900_000, 900_000, false, false, "rust", "UTF-8", List.of(hunk));
    }
}
