package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.BundledSample;
import dev.rustreview.model.ChangeSet;
import dev.rustreview.model.FileChange;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.diff.RowKind;
import dev.rustreview.ui.fx.FxExecutors;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The first window, headless (Monocle): it opens the real sample and shows its commits, files and diff. */
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {

    @TempDir
    static Path home;

    private FxExecutors executors;
    private MainWindow window;
    private final java.util.List<String> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        window = new MainWindow(executors, opened::add);
        stage.setScene(new Scene(window, 1200, 800));
        stage.show();
        AppDirs dirs = AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home);
        window.open(() -> RepositorySession.open(OpenRequest.sample(), dirs));
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    @Test
    void opensTheSampleAgentBranchAndShowsTheSelectedFilesDiff(FxRobot robot) throws Exception {
        // Polled from the test thread: wait until the FX thread has filled the file list too, not only the branch.
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model().branchProperty().get() != null
                && !window.model().files().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        ChangeSet branch = window.model().branchProperty().get();
        assertThat(branch.head().spec()).isEqualTo(BundledSample.HEAD);
        assertThat(branch.commits()).hasSize(8);
        assertThat(window.model().scopes()).hasSize(9);

        FileChange executor = window.model().files().stream()
                .filter(f -> f.path().equals("src/backup/executor.rs")).findFirst().orElseThrow();
        robot.interact(() -> window.model().selectFile(executor));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> "src/backup/executor.rs".equals(window.diffView().current().path()));
        assertThat(window.diffView().current().rows()).filteredOn(r -> r.kind() == RowKind.ADDED)
                .hasSize((int) executor.additions());
        assertThat(window.diffView().area().getText()).contains("pub struct BackupExecutor");
        assertThat(window.diffView().area().isEditable()).isFalse();
    }

    @Test
    void selectingACommitShowsOnlyThatCommitsFiles(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model().branchProperty().get() != null);
        var commitList = window.lookup(".changes-pane .list-view") instanceof javafx.scene.control.ListView<?> l ? l : null;
        assertThat(commitList).isNotNull();
        robot.interact(() -> commitList.getSelectionModel().select(1));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.model().files().size() == 2);
        assertThat(window.model().files()).extracting(FileChange::path)
                .containsExactlyInAnyOrder("src/services/postgres.rs", "src/services/mod.rs");
    }

    @Test
    void analysesTheBranchOffTheFxThreadAndExposesTheFindings(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.analysisProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.analysisProperty().get().findings()).extracting(f -> f.ruleId()).contains("AL1");
        assertThat(window.statusBar().cancelButton().isVisible()).isFalse();
        assertThat(window.statusBar().messageText()).contains("findings");
    }

    @Test
    void navigatorSwitchesGroupingAndSelectingAHunkShowsItInTheDiff(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.navigator().rootProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var tree = window.navigatorPane().tree();
        assertThat(tree.getRoot().getChildren()).extracting(i -> i.getValue().label())
                .contains("Start here: critical and high", "No findings");
        var commitToggle = window.lookupAll(".grouping-switch .toggle-button").stream()
                .filter(n -> ((javafx.scene.control.ToggleButton) n).getText().equals("Commit")).findFirst().orElseThrow();
        robot.clickOn(commitToggle);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigator().groupingProperty().get()).isEqualTo(dev.rustreview.ui.navigator.Grouping.COMMIT);
        assertThat(tree.getRoot().getChildren()).allSatisfy(i -> assertThat(i.getValue().verdict()).isNotNull());
        var ref = window.navigator().visibleHunks().get(3);
        robot.interact(() -> window.navigator().selectedProperty().set(ref));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ref.path().equals(window.diffView().current().path())
                && window.diffView().current().rows().get(window.diffView().caretRow()).hunk() == ref.index());
        assertThat(tree.getSelectionModel().getSelectedItem().getValue().hunk()).isEqualTo(ref);
    }

    @Test
    void selectingAHunkWithAFindingShowsItInTheInspectorWithLintLinks(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.navigator().rootProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var ref = window.navigator().visibleHunks().stream()
                .filter(r -> window.navigator().entry(r).orElseThrow().findings().stream()
                        .anyMatch(f -> f.ruleId().equals("AL1"))).findFirst().orElseThrow();
        robot.interact(() -> window.navigator().selectedProperty().set(ref));
        var details = window.inspector().detailsProperty().get();
        assertThat(details.findings()).extracting(f -> f.ruleId()).contains("AL1");
        assertThat(details.provenance()).isNotEmpty();
        var texts = window.inspectorPane().lookupAll(".label").stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertThat(texts).contains("AL1", "Check before accepting");
        var links = window.inspectorPane().lookupAll(".lint-link");
        if (!links.isEmpty()) {
            robot.interact(() -> ((javafx.scene.control.Hyperlink) links.iterator().next()).fire());
            assertThat(opened).singleElement().asString().startsWith("https://rust-lang.github.io/rust-clippy/");
        }
    }

    @Test
    void keyboardMovesByHunkFileAndFindingTogglesSplitAndLeavesTheFilterAlone(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.navigator().rootProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        var nav = window.navigator();
        robot.interact(() -> nav.selectedProperty().set(null)); // the plan's first unit was selected on arrival
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.type(javafx.scene.input.KeyCode.J);
        assertThat(nav.selectedProperty().get()).isEqualTo(nav.visibleHunks().get(0));
        robot.type(javafx.scene.input.KeyCode.J);
        assertThat(nav.selectedProperty().get()).isEqualTo(nav.visibleHunks().get(1));
        robot.type(javafx.scene.input.KeyCode.K);
        assertThat(nav.selectedProperty().get()).isEqualTo(nav.visibleHunks().get(0));
        robot.type(javafx.scene.input.KeyCode.F);
        var found = nav.entry(nav.selectedProperty().get()).orElseThrow().findings();
        assertThat(found).isNotEmpty();
        // f shows the unit's findings one by one in line order: the first one first.
        var top = found.stream().filter(f -> f.id().equals(nav.visitedFinding())).findFirst().orElseThrow();
        assertThat(top.startLine()).isEqualTo(found.stream().mapToInt(f -> f.startLine()).min().orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> top.path().equals(window.diffView().current().path())
                && window.diffView().caretDiffRow() != null
                && window.diffView().caretDiffRow().newLine() == top.startLine());
        String before = nav.selectedProperty().get().path();
        robot.press(javafx.scene.input.KeyCode.SHIFT).type(javafx.scene.input.KeyCode.J)
                .release(javafx.scene.input.KeyCode.SHIFT);
        assertThat(nav.selectedProperty().get().path()).isNotEqualTo(before);
        var ref = nav.selectedProperty().get();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> ref.path().equals(window.diffView().current().path()));

        robot.type(javafx.scene.input.KeyCode.S);
        assertThat(window.diffView().splitProperty().get()).isTrue();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.diffView().caretDiffRow() != null
                && window.diffView().caretDiffRow().hunk() == ref.index());
        assertThat(window.diffView().rightArea().getParagraphs()).hasSameSizeAs(window.diffView().leftArea().getParagraphs());
        robot.type(javafx.scene.input.KeyCode.S);
        assertThat(window.diffView().splitProperty().get()).isFalse();

        robot.type(javafx.scene.input.KeyCode.SLASH);
        assertThat(window.navigatorPane().filterField().isFocused()).isTrue();
        robot.write("jk");
        assertThat(nav.filterProperty().get()).isEqualTo("jk");
        assertThat(nav.selectedProperty().get()).isEqualTo(ref);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertThat(window.navigatorPane().tree().isFocused()).isTrue();
    }

    @Test
    void cheatSheetListsEveryActionWithItsShortcut() throws Exception {
        var table = dev.rustreview.ui.actions.CheatSheet.table(window.actions());
        var texts = table.getChildren().stream().map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertThat(texts).contains("Next unit", "j", "Shift+J", "Next finding", "Toggle split view", "Keyboard shortcuts");
        assertThat(window.actions()).allSatisfy(a -> assertThat(a.accelerator()).isNotNull());
        // As shown: columns split between menus, every action in one of them; a shorter screen gets more columns.
        var sheet = dev.rustreview.ui.actions.CheatSheet.sheet(window.actions(), 2);
        assertThat(sheet.getChildren()).hasSize(2);
        var shown = sheet.getChildren().stream().flatMap(c -> ((javafx.scene.layout.GridPane) c).getChildren().stream())
                .map(n -> ((javafx.scene.control.Label) n).getText()).toList();
        assertThat(shown).containsExactlyInAnyOrderElementsOf(texts);
        assertThat(sheet.getChildren()).allSatisfy(c -> assertThat(((javafx.scene.layout.GridPane) c).getChildren()).isNotEmpty());
        assertThat(dev.rustreview.ui.actions.CheatSheet.sheet(window.actions(), 3).getChildren()).hasSize(3);
        double height = WaitForAsyncUtils.asyncFx(() -> {
            new javafx.scene.Scene(new javafx.scene.layout.StackPane(sheet));
            sheet.applyCss();
            return sheet.prefHeight(-1);
        }).get(10, TimeUnit.SECONDS);
        double oneColumn = WaitForAsyncUtils.asyncFx(() -> {
            var single = dev.rustreview.ui.actions.CheatSheet.table(window.actions());
            new javafx.scene.Scene(new javafx.scene.layout.StackPane(single));
            single.applyCss();
            return single.prefHeight(-1);
        }).get(10, TimeUnit.SECONDS);
        assertThat(height).as("two columns: about half as tall").isLessThan(oneColumn * 0.65);
    }

    @Test
    void themeToggleSwitchesToPrimerDarkAndBack(FxRobot robot) {
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.type(javafx.scene.input.KeyCode.T);
        assertThat(window.getStyleClass()).contains("dark");
        assertThat(javafx.application.Application.getUserAgentStylesheet())
                .isEqualTo(new atlantafx.base.theme.PrimerDark().getUserAgentStylesheetBSS());
        robot.type(javafx.scene.input.KeyCode.T);
        assertThat(window.getStyleClass()).doesNotContain("dark");
        assertThat(javafx.application.Application.getUserAgentStylesheet())
                .isEqualTo(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheetBSS());
    }

    @Test
    void cancelStopsARunningAnalysis(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.analysisProperty().get() != null);
        ChangeSet branch = window.model().branchProperty().get();
        java.util.concurrent.atomic.AtomicBoolean stopped = new java.util.concurrent.atomic.AtomicBoolean();
        ReviewBackend slow = new ReviewBackend() {
            public String name() { return "slow"; }
            public ChangeSet branch() { return branch; }
            public ChangeSet commit(String id) { return branch; }
            public dev.rustreview.model.ChangeAnalysis analyze(dev.rustreview.analysis.ChangeAnalyzer.Listener p,
                                                              java.util.function.BooleanSupplier cancelled) {
                for (int i = 0; !cancelled.getAsBoolean(); i++) {
                    p.fileDone(i % 10, 10, "f" + i);
                    LockSupportSleep.millis(5);
                }
                stopped.set(true);
                throw new java.util.concurrent.CancellationException();
            }
            public void close() { }
            // Never reached: the analysis is cancelled before a review opens.
            public OpenRequest request() { return OpenRequest.sample(); }
            public OpenedReview openReview(dev.rustreview.model.ChangeAnalysis a) { throw new UnsupportedOperationException(); }
            public OpenedReview openReviewBackup(dev.rustreview.model.ChangeAnalysis a) { throw new UnsupportedOperationException(); }
            public dev.rustreview.review.SinceLastReview sinceLast(dev.rustreview.review.Review r) { throw new UnsupportedOperationException(); }
            public java.util.List<dev.rustreview.git.RefInfo> refs() { return java.util.List.of(); }
            public boolean hasReview(String head) { return false; }
            public java.util.Optional<java.nio.file.Path> fileForEditor(String path, dev.rustreview.model.Side side) {
                return java.util.Optional.empty();
            }
            public void checkRevision(String spec) { }
            public dev.rustreview.model.FileChange fullFile(String path) { throw new UnsupportedOperationException(); }
            public String writeAcceptedBranch(dev.rustreview.review.AcceptedChanges.Prepared p, String b) { throw new UnsupportedOperationException(); }
            public String writeNotes(String c, java.util.List<String> r) { throw new UnsupportedOperationException(); }
            public dev.rustreview.model.FileChange sinceLastUnit(dev.rustreview.review.HunkInterdiff.Earlier e,
                                                                 dev.rustreview.review.HunkIndex.Entry n) { throw new UnsupportedOperationException(); }
        };
        robot.interact(() -> window.open(() -> slow));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.statusBar().cancelButton().isVisible());
        robot.interact(() -> window.statusBar().cancelButton().fire());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, stopped::get);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().startsWith("Analysis cancelled"));
        assertThat(window.analysisProperty().get()).isNull();
    }

    /** Sleeps without the checked exception, for the fake slow analysis. */
    private static final class LockSupportSleep {
        static void millis(long ms) {
            java.util.concurrent.locks.LockSupport.parkNanos(ms * 1_000_000);
        }
    }

    @Test
    void withoutARepositoryTheInspectorSaysHowToOpenOne(FxRobot robot) throws Exception {
        MainWindow fresh = WaitForAsyncUtils.asyncFx(() -> new MainWindow(executors, opened::add)).get(10, TimeUnit.SECONDS);
        assertThat(fresh.inspectorPane().emptyText()).isEqualTo(dev.rustreview.ui.inspector.InspectorPane.SELECT_A_UNIT);
        robot.interact(() -> fresh.open(() -> {
            throw new dev.rustreview.model.BadInputException("/tmp/nowhere is not a git repository");
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> fresh.inspectorPane().emptyText().equals(MainWindow.NO_REPOSITORY));
        assertThat(fresh.inspectorPane().emptyText()).contains("Open folder").contains("Ctrl+O");
        // With a repository open, a failed second open keeps the unit hint (the open repository is still there).
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model().branchProperty().get() != null);
        assertThat(window.inspectorPane().emptyText()).isEqualTo(dev.rustreview.ui.inspector.InspectorPane.SELECT_A_UNIT);
    }

    @Test
    void aBadRepositoryShowsOneLineInTheStatusBar(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.model().branchProperty().get() != null);
        robot.interact(() -> window.open(() -> RepositorySession.open(new OpenRequest(home, null, null),
                AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home))));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().contains("is not a git repository"));
        assertThat(window.statusBar().messageText()).doesNotContain("Exception").doesNotContain("\n")
                .doesNotContain("--repo").contains("Repository > Open folder...");
        // The sample's analysis, still running when the open failed, must not wipe the error.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.analysisProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.statusBar().messageText()).contains("is not a git repository");
    }

    @Test
    void openingABranchCountsTheFilesWhoseUnitsAreCutBeforeAnythingElseArrives(FxRobot robot) throws Exception {
        // The sample's own analysis reports its counts in the same bar: let it finish first.
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.analysisProperty().get() != null);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        robot.interact(() -> window.open(() -> {
            OpenProgress.current().filesCut(3, 828);
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new dev.rustreview.model.BadInputException("given up on purpose");
        }));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().contains("3/828 files"));
        release.countDown();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().contains("given up on purpose"));
        // A count reported after the open ended does not overwrite its outcome.
        assertThat(OpenProgress.current()).isSameAs(OpenProgress.NONE);
    }
}
