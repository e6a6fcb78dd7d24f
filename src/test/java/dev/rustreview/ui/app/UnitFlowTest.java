package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.BundledSample;
import dev.rustreview.git.DiffOptions;
import dev.rustreview.git.GitRepository;
import dev.rustreview.review.AcceptedChanges;
import dev.rustreview.review.DecisionState;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.diff.DiffRow;
import dev.rustreview.ui.diff.RowKind;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.Grouping;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.HunkRef;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The sample reviewed by unit, headless: the plan starts at the AL1 critical, executor.rs is decided function by
 * function, the accepted branch holds exactly the accepted functions, and the agent's second round reopens only
 * what it rewrote, shown "since my last review".
 */
@ExtendWith(ApplicationExtension.class)
class UnitFlowTest {

    static final String EXECUTOR = "src/backup/executor.rs";
    static final String WRITE_MANIFEST = "impl BackupExecutor \u203a fn write_manifest";
    static final String NEIGHBOUR = "impl BackupExecutor \u203a fn upload_part";

    @TempDir
    Path home;

    private FxExecutors executors;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        AppDirs dirs = SampleWindows.dirs(home);
        window = SampleWindows.show(stage, executors, dirs, 1400, 900);
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    private void waitForReview() throws Exception {
        SampleWindows.waitForReview(window, 120);
    }

    private HunkEntry selected() {
        return window.navigator().entry(window.navigator().selectedProperty().get()).orElseThrow();
    }

    private HunkEntry unit(String item) {
        return window.navigator().allHunks().stream().map(r -> window.navigator().entry(r).orElseThrow())
                .filter(e -> e.ref().path().equals(EXECUTOR) && item.equals(e.hunk().item())).findFirst().orElseThrow();
    }

    private void select(HunkRef ref) {
        WaitForAsyncUtils.asyncFx(() -> window.navigator().selectedProperty().set(ref));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theFirstUnitSelectedIsTheCriticalOneAndTheExecutorIsReviewedFunctionByFunction(FxRobot robot)
            throws Exception {
        waitForReview();
        assertThat(window.navigator().groupingProperty().get()).isEqualTo(Grouping.PLAN);
        HunkEntry first = selected();
        assertThat(first.hunk().item()).isEqualTo(WRITE_MANIFEST);
        assertThat(first.findings()).anySatisfy(f -> {
            assertThat(f.ruleId()).isEqualTo("AL1");
            assertThat(f.severity()).isEqualTo(dev.rustreview.model.Severity.CRITICAL);
        });
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> EXECUTOR.equals(window.diffView().current().path()));
        List<HunkEntry> executor = window.navigator().allHunks().stream()
                .map(r -> window.navigator().entry(r).orElseThrow()).filter(e -> e.ref().path().equals(EXECUTOR))
                .toList();
        assertThat(executor).hasSizeGreaterThanOrEqualTo(8);
        assertThat(executor).extracting(e -> e.hunk().item()).contains(WRITE_MANIFEST, NEIGHBOUR, "mod tests",
                "fn put_with_retry");
        // The navigator lists units by their item's name.
        assertThat(window.navigatorPane().tree().getSelectionModel().getSelectedItem().getValue().label())
                .contains("fn write_manifest");
    }

    @Test
    void acceptingTheNeighbourAndRejectingWriteManifestGivesABranchWithTheNeighbourOnlyAndRoundTwoReopensIt(
            FxRobot robot) throws Exception {
        waitForReview();
        HunkEntry neighbour = unit(NEIGHBOUR);
        select(neighbour.ref());
        robot.interact(() -> window.hunkCommands().decide(DecisionState.ACCEPTED));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().state(neighbour.analysis().id())).isEqualTo(DecisionState.ACCEPTED);
        // "Next after deciding" (on by default) moved on to an undecided unit.
        assertThat(selected().ref()).isNotEqualTo(neighbour.ref());
        assertThat(window.review().state(selected().analysis().id())).isEqualTo(DecisionState.UNREVIEWED);

        HunkEntry manifest = unit(WRITE_MANIFEST);
        select(manifest.ref());
        // Focus the tree without clicking a row (a click would select another unit).
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.type(KeyCode.X);
        robot.write("guard held across the await");
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().state(manifest.analysis().id())).isEqualTo(DecisionState.REJECTED);

        var prepared = WaitForAsyncUtils.asyncFx(() -> AcceptedChanges.prepare(window.review().sessionProperty().get()))
                .get(10, TimeUnit.SECONDS);
        String commit = window.backend().writeAcceptedBranch(prepared, "review/units-accepted");
        try (GitRepository git = GitRepository.open(BundledSample.ensureBuilt(
                AppDirs.of(Map.of("RUST_REVIEW_HOME", home.toString()), "Linux", home).samples()))) {
            String executor = git.sources(DiffOptions.DEFAULT).fileAt(commit, EXECUTOR).orElseThrow();
            assertThat(executor).contains("async fn upload_part(").doesNotContain("async fn write_manifest(");
            assertThat(executor.lines().count()).isLessThan(40);
        }

        robot.interact(() -> window.openRevisions(BundledSample.BASE, BundledSample.HEAD_V2, true));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.review().isOpen()
                && window.review().currentRound() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        // Untouched by the agent: same unit id, same decision.
        assertThat(window.review().state(neighbour.analysis().id())).isEqualTo(DecisionState.ACCEPTED);
        HunkEntry rewritten = unit(WRITE_MANIFEST);
        assertThat(rewritten.analysis().id()).isNotEqualTo(manifest.analysis().id());
        assertThat(window.review().state(rewritten.analysis().id())).isEqualTo(DecisionState.UNREVIEWED);
        assertThat(window.review().changedSince(rewritten.analysis().id())).hasValue(1);

        select(rewritten.ref());
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.showingSinceLast()
                && window.diffView().current().rows().stream().anyMatch(r -> r.text().contains("since your review")));
        List<DiffRow> rows = window.diffView().current().rows();
        List<String> changed = rows.stream().filter(r -> r.kind() == RowKind.ADDED || r.kind() == RowKind.REMOVED)
                .map(r -> (r.kind() == RowKind.ADDED ? "+" : "-") + r.text().strip()).toList();
        // Only the agent's rewrite is marked: the guard dropped before the await, nothing of the other functions.
        assertThat(changed).contains("+drop(state);").hasSizeLessThan(10);
        assertThat(rows).filteredOn(r -> r.kind() == RowKind.CONTEXT).isNotEmpty()
                .allSatisfy(r -> assertThat(r.oldLine()).isPositive());
        assertThat(rows).noneMatch(r -> r.text().contains("async fn upload_part("));

        // v shows the branch diff of the file again, v once more the since-last view.
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.type(KeyCode.V);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !window.showingSinceLast()
                && window.diffView().current().rows().stream().anyMatch(r -> r.text().contains("async fn upload_part(")));
        robot.type(KeyCode.V);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, window::showingSinceLast);
    }
}
