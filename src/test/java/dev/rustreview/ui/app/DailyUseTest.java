package dev.rustreview.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rustreview.review.DecisionState;
import dev.rustreview.settings.AppDirs;
import dev.rustreview.ui.fx.FxExecutors;
import dev.rustreview.ui.navigator.HunkRef;
import java.nio.file.Path;
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
 * What got in the way of daily use: single-letter keys with focus in the diff, and a head that does not exist
 * failing only after the continue-or-new question.
 */
@ExtendWith(ApplicationExtension.class)
class DailyUseTest {

    @TempDir
    Path home;

    private FxExecutors executors;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        executors = new FxExecutors();
        AppDirs dirs = SampleWindows.dirs(home);
        window = SampleWindows.show(stage, executors, dirs, 1200, 800);
    }

    @AfterEach
    void close() throws Exception {
        // On the FX thread, as the application closes it (close touches the window's controls).
        WaitForAsyncUtils.asyncFx(() -> window.close()).get(60, java.util.concurrent.TimeUnit.SECONDS);
        executors.close();
    }

    @Test
    void singleLetterKeysWorkWithFocusInTheDiff(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.review().isOpen());
        robot.clickOn(window.navigatorPane().tree());
        robot.type(KeyCode.J);
        WaitForAsyncUtils.waitForFxEvents();
        HunkRef first = window.navigator().selectedProperty().get();
        robot.interact(() -> window.diffView().area().requestFocus());
        assertThat(window.getScene().getFocusOwner()).isSameAs(window.diffView().area());
        robot.type(KeyCode.J);
        WaitForAsyncUtils.waitForFxEvents();
        HunkRef second = window.navigator().selectedProperty().get();
        assertThat(second).isNotNull().isNotEqualTo(first);
        String id = window.navigator().entry(second).orElseThrow().analysis().id();
        String item = window.navigator().entry(second).orElseThrow().hunk().item();
        robot.interact(() -> window.diffView().area().requestFocus());
        robot.type(KeyCode.A);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.review().state(id)).isEqualTo(DecisionState.ACCEPTED);
        // "Next after deciding" moved on; the status still names the unit that was decided, not the next one.
        assertThat(window.navigator().selectedProperty().get()).isNotEqualTo(second);
        assertThat(window.statusBar().messageText()).isEqualTo("Accepted: " + second.path() + "  " + item);
    }

    @Test
    void anUnknownHeadIsReportedWithoutAskingWhetherItContinuesTheReview(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.review().isOpen());
        // Were the question asked first, its modal alert would block here and the status would never change.
        robot.interact(() -> new TopBarActions(window).changeRevisions("main", "agent/backup-executr"));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS,
                () -> window.statusBar().messageText().contains("unknown revision 'agent/backup-executr'"));
        assertThat(window.statusBar().messageText()).contains("did you mean").doesNotContain("\n");
        assertThat(window.topBar().headPicker().getValue()).isNotEqualTo("agent/backup-executr");
        assertThat(window.review().isOpen()).isTrue();
    }

    @Test
    void bracketShowsMoreContextFromTheHeadAndWShowsTheWholeFile(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(90, TimeUnit.SECONDS, () -> window.review().isOpen());
        var modified = window.model().files().stream()
                .filter(f -> f.changeType() == dev.rustreview.model.ChangeType.MODIFIED && f.path().endsWith(".rs"))
                .findFirst().orElseThrow();
        robot.interact(() -> window.model().selectFile(modified));
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.diffView().current().path().equals(modified.path()));
        java.util.function.Supplier<java.util.List<dev.rustreview.ui.diff.DiffRow>> outside = () -> window.diffView()
                .current().rows().stream().filter(r -> r.hunk() < 0 && r.kind() == dev.rustreview.ui.diff.RowKind.CONTEXT)
                .toList();
        assertThat(outside.get()).isEmpty();
        robot.interact(() -> window.diffView().area().requestFocus());
        robot.type(KeyCode.CLOSE_BRACKET);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !outside.get().isEmpty());
        int stepped = outside.get().size();
        String head = window.model().branchProperty().get().toId();
        String text = window.backend().textAt(head, modified.newPath()).orElseThrow();
        // Every line shown outside the hunks is the head's line of that number.
        String[] lines = text.split("\n", -1);
        assertThat(outside.get()).allSatisfy(r -> assertThat(r.text()).isEqualTo(lines[r.newLine() - 1]));

        robot.type(KeyCode.W);
        long total = text.endsWith("\n") ? lines.length - 1 : lines.length;
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> window.diffView().current().rows().stream()
                .filter(r -> r.newLine() > 0 && r.kind() != dev.rustreview.ui.diff.RowKind.REMOVED).count() == total);
        assertThat(outside.get().size()).isGreaterThanOrEqualTo(stepped);
        robot.type(KeyCode.W);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> outside.get().size() == stepped);
    }
}
