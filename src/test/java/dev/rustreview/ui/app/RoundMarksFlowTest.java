package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.git.BundledSample;
import dev.rustreview.review.DecisionState;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.Grouping;
import dev.rustreview.ui.navigator.HunkEntry;
import dev.rustreview.ui.navigator.HunkRef;
import dev.rustreview.ui.rounds.SinceLastView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The agent's second round on the sample, headless: units it left alone are marked, skipped by n and hidden on
 * request; viewed marks stay on files it did not touch and are cleared on the one it changed; Ctrl+R's entries
 * open their unit in the main diff.
 */
@ExtendWith(ApplicationExtension.class)
class RoundMarksFlowTest {

    static final String EXECUTOR = "src/backup/executor.rs";
    static final String WRITE_MANIFEST = "impl BackupExecutor \u203a fn write_manifest";
    static final String NEIGHBOUR = "impl BackupExecutor \u203a fn upload_part";
    /** Files the agent rewrote in round 2; every other file is as round 1 showed it. */
    static final List<String> CHANGED_FILES = List.of(EXECUTOR, "src/backup/mod.rs");

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

    private HunkEntry entry(HunkRef ref) {
        return window.navigator().entry(ref).orElseThrow();
    }

    private HunkEntry unit(String item) {
        return window.navigator().allHunks().stream().map(this::entry)
                .filter(e -> e.ref().path().equals(EXECUTOR) && item.equals(e.hunk().item())).findFirst().orElseThrow();
    }

    private void select(HunkRef ref) {
        WaitForAsyncUtils.asyncFx(() -> window.navigator().selectedProperty().set(ref));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static javafx.scene.control.TreeItem<dev.rustreview.ui.navigator.NavNode> findItem(
            javafx.scene.control.TreeItem<dev.rustreview.ui.navigator.NavNode> item, String file) {
        if (item.getValue().kind() == dev.rustreview.ui.navigator.NavNode.Kind.FILE && item.getValue().label().equals(file)) {
            return item;
        }
        return item.getChildren().stream().map(c -> findItem(c, file)).filter(java.util.Objects::nonNull).findFirst()
                .orElse(null);
    }

    private boolean unchanged(HunkRef ref) {
        return window.navigator().marks().unchangedSince(entry(ref)).isPresent();
    }

    /** Round 1: accept the neighbour, reject write_manifest, mark the executor viewed (Shift+V) and another file (its box); then round 2. */
    private String roundOneThenTwo(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.review().isOpen());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigator().marks().unchangedCountProperty().get()).isZero();
        select(unit(NEIGHBOUR).ref());
        robot.interact(() -> window.hunkCommands().decide(DecisionState.ACCEPTED));
        robot.interact(() -> window.review().decide(unit(WRITE_MANIFEST).analysis().id(), DecisionState.REJECTED,
                "guard held across the await"));
        select(unit(NEIGHBOUR).ref());
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.press(KeyCode.SHIFT).type(KeyCode.V).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().viewed(EXECUTOR)).isTrue();

        // The box on a file row of the navigator (file grouping), for a file the agent leaves alone in round 2.
        robot.interact(() -> window.navigator().groupingProperty().set(Grouping.FILE));
        WaitForAsyncUtils.waitForFxEvents();
        CheckBox box = robot.lookup(".viewed-box").queryAllAs(CheckBox.class).stream()
                .filter(b -> !CHANGED_FILES.contains((String) b.getUserData()) && !b.isSelected()).findFirst()
                .orElseThrow();
        String other = (String) box.getUserData();
        robot.clickOn(box);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().viewed(other)).isTrue();
        // The file's row is repainted dimmed, its box ticked, and the file folded away.
        assertThat(robot.lookup(".viewed-box").queryAllAs(CheckBox.class)).filteredOn(b -> other.equals(b.getUserData()))
                .singleElement().satisfies(b -> {
                    assertThat(b.isSelected()).isTrue();
                    assertThat(b.getParent().getStyleClass()).contains("nav-viewed");
                });
        var fileItem = findItem(window.navigatorPane().tree().getRoot(), other);
        assertThat(fileItem.isExpanded()).isFalse();
        robot.interact(() -> window.navigator().groupingProperty().set(Grouping.PLAN));

        robot.interact(() -> window.openRevisions(BundledSample.BASE, BundledSample.HEAD_V2, true));
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> window.review().isOpen()
                && window.review().currentRound() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        return other;
    }

    @Test
    void untouchedUnitsAreMarkedSkippedByNAndHiddenOnRequestAndViewedMarksFollowTheAgent(FxRobot robot)
            throws Exception {
        String other = roundOneThenTwo(robot);
        // Viewed: kept on the file the agent left alone, cleared on the executor it changed.
        assertThat(window.review().viewed(other)).isTrue();
        assertThat(window.review().viewed(EXECUTOR)).isFalse();

        HunkEntry neighbour = unit(NEIGHBOUR);
        HunkEntry manifest = unit(WRITE_MANIFEST);
        assertThat(window.navigator().marks().unchangedSince(neighbour)).hasValue(1);
        assertThat(unchanged(manifest.ref())).isFalse();
        int unchangedCount = window.navigator().marks().unchangedCountProperty().get();
        int all = window.navigator().allHunks().size();
        assertThat(unchangedCount).isGreaterThan(all / 2).isLessThan(all);

        // The unit header in the diff says so.
        select(neighbour.ref());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.diffView().lookupAll(".decision-accepted")
                .stream().anyMatch(n -> n instanceof javafx.scene.text.Text t
                        && t.getText().contains("unchanged since round 1")
                        || n instanceof javafx.scene.control.Labeled l && l.getText().contains("unchanged since round 1")));

        // n passes over unchanged units (and units of viewed files) to the ones the agent changed or added.
        List<HunkRef> expected = window.navigator().visibleHunks().stream()
                .filter(r -> window.review().state(entry(r).analysis().id()) == DecisionState.UNREVIEWED)
                .filter(r -> !unchanged(r) && !window.review().viewed(r.path())).toList();
        assertThat(expected).contains(manifest.ref());
        select(window.navigator().visibleHunks().get(0));
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        List<HunkRef> visited = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            robot.type(KeyCode.N);
            visited.add(window.navigator().selectedProperty().get());
        }
        assertThat(visited).containsExactlyInAnyOrderElementsOf(expected);

        // Hide unchanged since round 1: the navigator says how many it hides, and lists exactly the others.
        CheckBox hide = robot.lookup(".hide-unchanged").queryAs(CheckBox.class);
        assertThat(hide.getText()).isEqualTo("Hide unchanged since round 1");
        assertThat(hide.isVisible()).isTrue();
        robot.clickOn(hide);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.navigator().marks().hiddenProperty().get()).isEqualTo(unchangedCount);
        assertThat(robot.lookup(".hidden-count").queryAs(Label.class).getText())
                .isEqualTo("(" + unchangedCount + " units hidden)");
        assertThat(window.navigator().visibleHunks()).hasSize(all - unchangedCount).noneMatch(this::unchanged)
                .contains(manifest.ref());
        // Shift+U shows them again.
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.press(KeyCode.SHIFT).type(KeyCode.U).release(KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(hide.isSelected()).isFalse();
        assertThat(window.navigator().visibleHunks()).hasSize(all);
    }

    @Test
    void anEntryOfTheChangesSinceTheLastReviewOpensItsUnitInTheMainDiff(FxRobot robot) throws Exception {
        roundOneThenTwo(robot);
        HunkEntry neighbour = unit(NEIGHBOUR);
        select(neighbour.ref());
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.roundBanner().isVisible()
                && window.roundBanner().showButton().isVisible());
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Stage summary = (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith("Changes since round 1")).findFirst().orElseThrow();
        SinceLastView view = (SinceLastView) summary.getScene().getRoot();
        List<SinceLastView.Row> rows = view.shownRows();
        int at = -1;
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).text().contains("\u25b8 " + WRITE_MANIFEST)) {
                at = i;
            }
        }
        assertThat(at).as("the summary lists write_manifest as a unit entry").isNotNegative();
        int entry = at;
        // Clicked like a reviewer would: on the entry's line.
        robot.interact(() -> view.area().showParagraphAtTop(Math.max(0, entry - 2)));
        WaitForAsyncUtils.waitForFxEvents();
        var bounds = view.area().getParagraphBoundsOnScreen(entry).orElseThrow();
        robot.clickOn(bounds.getMinX() + 120, bounds.getMinY() + bounds.getHeight() / 2);
        WaitForAsyncUtils.waitForFxEvents();

        // The unit is selected and shown since the reviewer's last look; the summary stepped aside.
        assertThat(entry(window.navigator().selectedProperty().get()).hunk().item()).isEqualTo(WRITE_MANIFEST);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> window.showingSinceLast()
                && window.diffView().current().rows().stream().anyMatch(r -> r.text().contains("since your review")));
        assertThat(summary.isShowing()).isFalse();

        // Ctrl+R brings the same summary back, on the entry the reviewer left; Enter on a file opens its first unit.
        robot.interact(() -> window.navigatorPane().tree().requestFocus());
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(summary.isShowing()).isTrue();
        assertThat(view.area().getCurrentParagraph()).isEqualTo(entry);
        int file = rows.indexOf(rows.stream().filter(r -> r.text().startsWith("src/backup/mod.rs")).findFirst()
                .orElseThrow());
        robot.interact(() -> {
            view.area().moveTo(file, 0);
            view.area().requestFocus();
        });
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(summary.isShowing()).isFalse();
        assertThat(window.navigator().selectedProperty().get().path()).isEqualTo("src/backup/mod.rs");
        // Esc closes it too.
        robot.interact(window::showSinceLast);
        assertThat(summary.isShowing()).isTrue();
        robot.interact(() -> view.area().requestFocus());
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(summary.isShowing()).isFalse();
    }
}
